namespace EOffice.Directory.Org;

/// <summary>An org unit with its children: the tree of <c>GET /api/org/units</c>.</summary>
public sealed record UnitNode(Guid Id, string Code, string Name, Guid? ParentId, bool Active, List<UnitNode> Children);

/// <summary>A person in a position.</summary>
public sealed record PositionHolder(Guid UserId, string Name, string Nip);

/// <summary>An acting holder (Plt/Plh) in force today.</summary>
public sealed record PositionActing(Guid Id, Guid UserId, string Name, string Nip, string Kind, DateOnly From, DateOnly To);

/// <summary>A position as the API shows it.</summary>
public sealed record PositionView(
    Guid Id, string Title, Guid UnitId, string UnitCode, string UnitName, Guid? SuperiorId, bool IsUnitHead, bool Active,
    PositionHolder? Holder, PositionActing? Acting);

/// <summary>
/// A user as the API shows it (never the password hash). <c>nik</c> (16 digits, what the certified
/// signature provider knows the signer by) is shown only to admins and to the user themself.
/// </summary>
public sealed record UserView(
    Guid Id, string Nip, string Name, string Email, string? Phone, Guid? PositionId, string? PositionTitle, Guid? UnitId,
    string? UnitName, IReadOnlyList<string> Roles, bool Active, string? Nik = null);

/// <summary>Create or change a unit.</summary>
public sealed record UnitRequest(string? Code, string? Name, Guid? ParentId, bool? Active);

/// <summary>Create or change a position.</summary>
public sealed record PositionRequest(string? Title, Guid? UnitId, Guid? SuperiorId, bool? IsUnitHead, bool? Active);

/// <summary>
/// Create or change a user. <c>password</c> is required on create. <c>nik</c> is 16 digits; on a change,
/// leaving it out keeps the user's NIK and <c>""</c> removes it.
/// </summary>
public sealed record UserRequest(
    string? Nip, string? Name, string? Email, string? Phone, IReadOnlyList<string>? Roles, string? Password, bool? Active, string? Nik = null);

/// <summary>Who holds a position (null vacates it).</summary>
public sealed record HolderRequest(Guid? UserId);

/// <summary>An acting assignment (Plt/Plh) for a date range, inclusive.</summary>
public sealed record ActingRequest(Guid? UserId, DateOnly? From, DateOnly? To, string? Kind);
