using MassTransit;

namespace EOffice.Contracts;

/// <summary>What kind of org-chart entity an <see cref="OrgChanged"/> event describes.</summary>
public static class OrgEntityKind
{
    /// <summary>An org unit (perangkat daerah, bidang, seksi).</summary>
    public const string Unit = "unit";

    /// <summary>A position (jabatan).</summary>
    public const string Position = "position";

    /// <summary>A user (pegawai).</summary>
    public const string User = "user";
}

/// <summary>An org unit, position or user was created or changed; carries its whole current state.</summary>
[EntityName("eoffice.org-changed")]
public sealed record OrgChanged(
    string Kind,
    Guid Id,
    OrgUnitState? Unit,
    OrgPositionState? Position,
    OrgUserState? User,
    DateTimeOffset OccurredAt);

/// <summary>The current state of an org unit.</summary>
public sealed record OrgUnitState(Guid Id, string Code, string Name, Guid? ParentId, bool Active);

/// <summary>The current state of a position, with its holder and acting holders (Plt/Plh).</summary>
public sealed record OrgPositionState(
    Guid Id,
    string Title,
    Guid UnitId,
    Guid? SuperiorId,
    bool IsUnitHead,
    Guid? HolderUserId,
    IReadOnlyList<ActingAssignmentState> Acting,
    bool Active);

/// <summary>An acting holder of a position for a date range (inclusive).</summary>
public sealed record ActingAssignmentState(Guid Id, Guid UserId, string Kind, DateOnly From, DateOnly To);

/// <summary>The current state of a user (never a password or its hash).</summary>
public sealed record OrgUserState(
    Guid Id,
    string Nip,
    string Name,
    string Email,
    Guid? PositionId,
    IReadOnlyList<string> Roles,
    bool Active);

/// <summary>The whole org chart at one moment, served to services that keep a local copy.</summary>
public sealed record OrgSnapshot(
    IReadOnlyList<OrgUnitState> Units,
    IReadOnlyList<OrgPositionState> Positions,
    IReadOnlyList<OrgUserState> Users,
    DateTimeOffset TakenAt);
