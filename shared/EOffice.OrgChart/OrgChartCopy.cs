using System.Text.Json;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Background;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Messaging;
using Microsoft.Extensions.Logging;

namespace EOffice.Org;

/// <summary>Writes org-chart state into the local copy; a newer state never loses to an older one.</summary>
public static class OrgChartCopy
{
    /// <summary>Applies one entity's current state.</summary>
    public static async Task ApplyAsync(UnitOfWork uow, OrgChanged change)
    {
        if (change.Unit is { } u)
        {
            await ApplyUnitAsync(uow, u, change.OccurredAt);
        }

        if (change.Position is { } p)
        {
            await ApplyPositionAsync(uow, p, change.OccurredAt);
        }

        if (change.User is { } user)
        {
            await ApplyUserAsync(uow, user, change.OccurredAt);
        }
    }

    /// <summary>Replaces the whole copy with a snapshot, keeping anything newer than it.</summary>
    public static async Task ApplyAsync(UnitOfWork uow, OrgSnapshot snapshot)
    {
        foreach (var u in snapshot.Units)
        {
            await ApplyUnitAsync(uow, u, snapshot.TakenAt);
        }

        foreach (var p in snapshot.Positions)
        {
            await ApplyPositionAsync(uow, p, snapshot.TakenAt);
        }

        foreach (var u in snapshot.Users)
        {
            await ApplyUserAsync(uow, u, snapshot.TakenAt);
        }
    }

    private static Task ApplyUnitAsync(UnitOfWork uow, OrgUnitState u, DateTimeOffset at) =>
        uow.ExecuteAsync(
            """
            insert into org_units (id, code, name, parent_id, active, changed_at) values (@Id, @Code, @Name, @ParentId, @Active, @at)
            on conflict (id) do update set code = excluded.code, name = excluded.name, parent_id = excluded.parent_id,
                active = excluded.active, changed_at = excluded.changed_at
            where org_units.changed_at <= excluded.changed_at
            """, new { u.Id, u.Code, u.Name, u.ParentId, u.Active, at });

    private static async Task ApplyPositionAsync(UnitOfWork uow, OrgPositionState p, DateTimeOffset at)
    {
        var applied = await uow.ExecuteAsync(
            """
            insert into org_positions (id, title, unit_id, superior_id, is_unit_head, holder_user_id, active, changed_at)
            values (@Id, @Title, @UnitId, @SuperiorId, @IsUnitHead, @HolderUserId, @Active, @at)
            on conflict (id) do update set title = excluded.title, unit_id = excluded.unit_id, superior_id = excluded.superior_id,
                is_unit_head = excluded.is_unit_head, holder_user_id = excluded.holder_user_id, active = excluded.active,
                changed_at = excluded.changed_at
            where org_positions.changed_at <= excluded.changed_at
            """, new { p.Id, p.Title, p.UnitId, p.SuperiorId, p.IsUnitHead, p.HolderUserId, p.Active, at });
        if (applied == 0)
        {
            return;
        }

        await uow.ExecuteAsync("delete from org_acting where position_id = @Id", new { p.Id });
        foreach (var a in p.Acting)
        {
            await uow.ExecuteAsync(
                """
                insert into org_acting (id, position_id, user_id, kind, from_date, to_date) values (@Id, @positionId, @UserId, @Kind, @From, @To)
                on conflict (id) do update set position_id = excluded.position_id, user_id = excluded.user_id, kind = excluded.kind,
                    from_date = excluded.from_date, to_date = excluded.to_date
                """, new { a.Id, positionId = p.Id, a.UserId, a.Kind, a.From, a.To });
        }
    }

    private static Task ApplyUserAsync(UnitOfWork uow, OrgUserState u, DateTimeOffset at) =>
        uow.ExecuteAsync(
            """
            insert into org_users (id, nip, name, email, position_id, roles, active, changed_at)
            values (@Id, @Nip, @Name, @Email, @PositionId, @roles, @Active, @at)
            on conflict (id) do update set nip = excluded.nip, name = excluded.name, email = excluded.email,
                position_id = excluded.position_id, roles = excluded.roles, active = excluded.active, changed_at = excluded.changed_at
            where org_users.changed_at <= excluded.changed_at
            """, new { u.Id, u.Nip, u.Name, u.Email, u.PositionId, roles = u.Roles.ToArray(), u.Active, at });
}

/// <summary>Keeps the local copy current from <c>eoffice.org-changed</c>.</summary>
public sealed class OrgChangedConsumer(Db db) : IdempotentConsumer<OrgChanged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(OrgChanged message, UnitOfWork uow, CancellationToken ct) =>
        OrgChartCopy.ApplyAsync(uow, message);
}

/// <summary>
/// When the copy is empty (first start), loads Directory's snapshot from its internal endpoint
/// through <see cref="DirectoryClient"/>; retries in the background (after 5 s, doubling up to 30 s) until it succeeds.
/// </summary>
public sealed partial class OrgSnapshotLoader(
    Db db, OrgChart org, DirectoryClient directory, TimeProvider time, ILogger<OrgSnapshotLoader> logger)
    : PollingService(new PollingSchedule(Timeout.InfiniteTimeSpan) { FirstRetry = TimeSpan.FromSeconds(5), MaxRetry = TimeSpan.FromSeconds(30) },
        time, logger)
{
    /// <summary>Loads the snapshot now (used at start and by tests).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var snapshot = await directory.SnapshotAsync(ct);
        await using var uow = await db.BeginAsync(ct);
        await OrgChartCopy.ApplyAsync(uow, snapshot);
        await uow.CommitAsync();
        LogLoaded(Logger, snapshot.Units.Count, snapshot.Positions.Count, snapshot.Users.Count);
    }

    /// <summary>Loads the snapshot unless the copy has one already; either way the loop is then done.</summary>
    protected override async Task<PollResult> PollAsync(CancellationToken ct)
    {
        if (!await org.IsLoadedAsync(ct))
        {
            await LoadAsync(ct);
        }

        return PollResult.Stop;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Org chart copy loaded from Directory: {Units} units, {Positions} positions, {Users} users")]
    private static partial void LogLoaded(ILogger logger, int units, int positions, int users);
}
