using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Org;

/// <summary>
/// The org chart as other services keep it: every change publishes <see cref="OrgChanged"/> through the outbox
/// (within the change's own transaction), and a new copy starts from <see cref="SnapshotAsync"/>.
/// </summary>
public sealed class OrgEvents(Db db, TimeProvider clock, CityClock city)
{
    /// <summary>The whole org chart for services that keep a local copy.</summary>
    public async Task<OrgSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        // One consistent view of all three tables.
        await uow.ExecuteAsync("set transaction isolation level repeatable read read only");
        var units = await UnitStatesAsync(uow, null);
        var positions = await PositionStatesAsync(uow, null);
        var users = await UserStatesAsync(uow, null);
        return new OrgSnapshot(units, positions, users, clock.GetUtcNow());
    }

    /// <summary>Within <paramref name="uow"/>: publishes the unit as it is now.</summary>
    internal async Task PublishUnitAsync(UnitOfWork uow, Guid id)
    {
        var state = (await UnitStatesAsync(uow, id)).SingleOrDefault() ?? throw new InvalidOperationException("unit vanished");
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.Unit, id, state, null, null, clock.GetUtcNow()));
    }

    /// <summary>Within <paramref name="uow"/>: publishes the position (holder and acting assignments) as it is now.</summary>
    internal async Task PublishPositionAsync(UnitOfWork uow, Guid id)
    {
        var state = (await PositionStatesAsync(uow, id)).Single();
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.Position, id, null, state, null, clock.GetUtcNow()));
    }

    /// <summary>Within <paramref name="uow"/>: publishes the user as they are now.</summary>
    internal async Task PublishUserAsync(UnitOfWork uow, Guid id)
    {
        var state = (await UserStatesAsync(uow, id)).Single();
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.User, id, null, null, state, clock.GetUtcNow()));
    }

    private static async Task<IReadOnlyList<OrgUnitState>> UnitStatesAsync(UnitOfWork uow, Guid? id)
    {
        var units = await uow.QueryAsync<UnitRow>(
            "select id, code, name, parent_id, active from units where @id::uuid is null or id = @id order by code", new { id });
        return units.Select(u => new OrgUnitState(u.Id, u.Code, u.Name, u.ParentId, u.Active)).ToList();
    }

    private async Task<IReadOnlyList<OrgPositionState>> PositionStatesAsync(UnitOfWork uow, Guid? id)
    {
        var positions = await uow.QueryAsync<PositionRow>(
            """
            select p.id, p.title, p.unit_id, p.superior_id, p.is_unit_head, p.active, h.id as holder_user_id
            from positions p left join users h on h.position_id = p.id
            where @id::uuid is null or p.id = @id
            order by p.id
            """, new { id });
        var acting = (await uow.QueryAsync<ActingRow>(
            """
            select id, position_id, user_id, kind, from_date, to_date from acting_assignments
            where (@id::uuid is null or position_id = @id) and to_date >= @today - 366
            order by from_date
            """, new { id, today = city.Today })).ToLookup(a => a.PositionId);
        return positions.Select(p => new OrgPositionState(
            p.Id, p.Title, p.UnitId, p.SuperiorId, p.IsUnitHead, p.HolderUserId,
            acting[p.Id].Select(a => new ActingAssignmentState(a.Id, a.UserId, a.Kind, a.FromDate, a.ToDate)).ToList(),
            p.Active)).ToList();
    }

    private static async Task<IReadOnlyList<OrgUserState>> UserStatesAsync(UnitOfWork uow, Guid? id)
    {
        var users = await uow.QueryAsync<UserRow>(
            "select id, nip, name, email, position_id, roles, active from users u where @id::uuid is null or u.id = @id order by u.id", new { id });
        return users.Select(u => new OrgUserState(u.Id, u.Nip, u.Name, u.Email, u.PositionId, u.Roles, u.Active)).ToList();
    }

    private sealed class UnitRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? ParentId { get; init; }
        public bool Active { get; init; }
    }

    private sealed class PositionRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public Guid UnitId { get; init; }
        public Guid? SuperiorId { get; init; }
        public bool IsUnitHead { get; init; }
        public bool Active { get; init; }
        public Guid? HolderUserId { get; init; }
    }

    private sealed class ActingRow
    {
        public Guid Id { get; init; }
        public Guid PositionId { get; init; }
        public Guid UserId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly FromDate { get; init; }
        public DateOnly ToDate { get; init; }
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string Nip { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public Guid? PositionId { get; init; }
        public string[] Roles { get; init; } = [];
        public bool Active { get; init; }
    }
}
