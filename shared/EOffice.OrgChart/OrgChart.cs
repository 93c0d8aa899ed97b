using Dapper;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Org;

/// <summary>A position as the local copy knows it.</summary>
public sealed record OrgPosition
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public Guid UnitId { get; init; }
    public string UnitCode { get; init; } = "";
    public string UnitName { get; init; } = "";
    public Guid? SuperiorId { get; init; }
    public bool IsUnitHead { get; init; }
    public Guid? HolderUserId { get; init; }
    public string? HolderName { get; init; }
}

/// <summary>A person who may act for a position today: its holder or an acting holder (Plt/Plh).</summary>
public sealed record PositionOccupant
{
    public Guid UserId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public bool Acting { get; init; }
}

/// <summary>A user as the local copy knows it.</summary>
public sealed record OrgUser
{
    public Guid Id { get; init; }
    public string Nip { get; init; } = "";
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public Guid? PositionId { get; init; }
    public string[] Roles { get; init; } = [];
}

/// <summary>
/// Where a user stands in the org chart today: the copy's record of them (null while it does not know them), the
/// positions they hold or act for, and — when asked for a secretariat member — the units of their agency.
/// </summary>
public sealed record OrgStanding(OrgUser? User, IReadOnlyList<Guid> Positions, IReadOnlyList<Guid> AgencyUnits);

/// <summary>
/// Reads this service's local copy of the org chart (kept from Directory's events and snapshot):
/// who holds or acts for which position, who is below whom. It answers while Directory is down.
/// </summary>
public sealed class OrgChart(Db db, CityClock city)
{
    /// <summary>
    /// The columns of <see cref="OrgPosition"/> with their joins (<c>p</c> is the position): a store that reads the
    /// positions a row names in its own batch appends <c>where p.id …</c>.
    /// </summary>
    public const string PositionSelect =
        """
        select p.id, p.title, p.unit_id, coalesce(u.code, '') as unit_code, coalesce(u.name, '') as unit_name, p.superior_id,
               p.is_unit_head, p.holder_user_id, h.name as holder_name
        from org_positions p
        left join org_units u on u.id = p.unit_id
        left join org_users h on h.id = p.holder_user_id

        """;

    /// <summary>Today in the city's calendar (UTC+7, WIB), for acting date ranges.</summary>
    public DateOnly Today => city.Today;

    /// <summary>The positions a user may act for today: the one they hold and those they act for.</summary>
    public async Task<IReadOnlyList<Guid>> PositionsOfAsync(Guid userId, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Query<Guid>(PositionsOfSql, new { userId, today = Today }, ct, uow);

    /// <summary>
    /// Where a user stands today, in one round trip: their record, the positions they hold or act for and, when
    /// <paramref name="secretariat"/> (the caller's token says so) and the copy gives them the secretariat role too, the
    /// units of the agency of the position they hold.
    /// </summary>
    public async Task<OrgStanding> StandingAsync(Guid userId, bool secretariat, CancellationToken ct = default, UnitOfWork? uow = null)
    {
        const string ownUnit =
            """
            (select p.unit_id from org_users u join org_positions p on p.id = u.position_id
             where u.id = @userId and @secretariat and 'secretariat' = any(u.roles))
            """;
        var sql = $"{PositionsOfSql};\n{UserSelect} where id = @userId;\n{AgencyUnitsSql(ownUnit)}";
        return await Batch(sql, new { userId, secretariat, today = Today }, async grid =>
        {
            var positions = (await grid.ReadAsync<Guid>()).AsList();
            var user = await grid.ReadSingleOrDefaultAsync<OrgUser>();
            var agency = (await grid.ReadAsync<Guid>()).AsList();
            return new OrgStanding(user, positions, agency);
        }, ct, uow);
    }

    /// <summary>The holder and acting holders of a position today.</summary>
    public async Task<IReadOnlyList<PositionOccupant>> OccupantsAsync(Guid positionId, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Query<PositionOccupant>(
            """
            select u.id as user_id, u.name, u.email, false as acting
            from org_positions p join org_users u on u.id = p.holder_user_id and u.active
            where p.id = @positionId
            union
            select u.id, u.name, u.email, true
            from org_acting a join org_users u on u.id = a.user_id and u.active
            where a.position_id = @positionId and @today between a.from_date and a.to_date
            """, new { positionId, today = Today }, ct, uow);

    /// <summary>
    /// How a user acts for a position today: <c>Plt</c> or <c>Plh</c> when they act for it without holding it,
    /// null when they hold it (or neither).
    /// </summary>
    public async Task<string?> ActingKindAsync(Guid userId, Guid positionId, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Single<string?>(
            """
            select a.kind from org_acting a
            where a.user_id = @userId and a.position_id = @positionId and @today between a.from_date and a.to_date
              and not exists (select 1 from org_positions p where p.id = @positionId and p.holder_user_id = @userId)
            order by a.from_date desc limit 1
            """, new { userId, positionId, today = Today }, ct, uow);

    /// <summary>A position's title as a signer or sender is named: <c>Plt. Kepala Dinas …</c> for an acting holder.</summary>
    public static string TitleAs(string title, string? actingKind) =>
        string.IsNullOrEmpty(actingKind) ? title : $"{actingKind}. {title}";

    /// <summary>One position, or null.</summary>
    public Task<OrgPosition?> PositionAsync(Guid id, CancellationToken ct = default, UnitOfWork? uow = null) =>
        Single<OrgPosition>(PositionSelect + "where p.id = @id", new { id }, ct, uow);

    /// <summary>Several positions.</summary>
    public Task<IReadOnlyList<OrgPosition>> PositionsAsync(IEnumerable<Guid> ids, CancellationToken ct = default, UnitOfWork? uow = null) =>
        Query<OrgPosition>(PositionSelect + "where p.id = any(@ids)", new { ids = ids.Distinct().ToArray() }, ct, uow);

    /// <summary>The head position of a unit (a letter to a unit goes to it), or null.</summary>
    public Task<Guid?> HeadOfUnitAsync(Guid unitId, CancellationToken ct = default, UnitOfWork? uow = null) =>
        Single<Guid?>(
            "select id from org_positions where unit_id = @unitId and is_unit_head and active order by id limit 1", new { unitId }, ct, uow);

    /// <summary>The head position of each of the units that has one (as <see cref="HeadOfUnitAsync"/> picks it), in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, Guid>> HeadsOfUnitsAsync(IEnumerable<Guid> unitIds, CancellationToken ct = default, UnitOfWork? uow = null)
    {
        var units = unitIds.Distinct().ToArray();
        if (units.Length == 0)
        {
            return new Dictionary<Guid, Guid>();
        }

        var heads = await Query<UnitHead>(
            """
            select distinct on (unit_id) unit_id as UnitId, id as Id from org_positions
            where unit_id = any(@units) and is_unit_head and active order by unit_id, id
            """, new { units }, ct, uow);
        return heads.ToDictionary(h => h.UnitId, h => h.Id);
    }

    /// <summary>Whether <paramref name="position"/> is anywhere below <paramref name="superior"/> in the position tree.</summary>
    public async Task<bool> IsBelowAsync(Guid position, Guid superior, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Scalar<bool>(
            """
            with recursive up (id, superior_id, depth) as (
                select id, superior_id, 0 from org_positions where id = @position
                union all
                select p.id, p.superior_id, up.depth + 1 from org_positions p join up on p.id = up.superior_id where up.depth < 50
            )
            select exists (select 1 from up where superior_id = @superior)
            """, new { position, superior }, ct, uow);

    /// <summary>A position and every position above it in the position tree, nearest first (empty when unknown).</summary>
    public async Task<IReadOnlyList<OrgPosition>> ChainAsync(Guid positionId, CancellationToken ct = default, UnitOfWork? uow = null)
    {
        var ids = await Query<Guid>(
            """
            with recursive up (id, superior_id, depth) as (
                select id, superior_id, 0 from org_positions where id = @positionId
                union all
                select p.id, p.superior_id, up.depth + 1 from org_positions p join up on p.id = up.superior_id where up.depth < 50
            )
            select id from up order by depth
            """, new { positionId }, ct, uow);
        var positions = (await PositionsAsync(ids, ct, uow)).ToDictionary(p => p.Id);
        return ids.Where(positions.ContainsKey).Select(id => positions[id]).ToList();
    }

    /// <summary>One user, or null.</summary>
    public Task<OrgUser?> UserAsync(Guid id, CancellationToken ct = default, UnitOfWork? uow = null) =>
        Single<OrgUser>(UserSelect + " where id = @id", new { id }, ct, uow);

    /// <summary>Several users, in one query (unknown ids are left out).</summary>
    public Task<IReadOnlyList<OrgUser>> UsersAsync(IEnumerable<Guid> ids, CancellationToken ct = default, UnitOfWork? uow = null) =>
        Query<OrgUser>(UserSelect + " where id = any(@ids)", new { ids = ids.Distinct().ToArray() }, ct, uow);

    /// <summary>Active users with a role whose position is in one of the units.</summary>
    public async Task<IReadOnlyList<OrgUser>> UsersWithRoleInUnitsAsync(string role, IEnumerable<Guid> unitIds, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Query<OrgUser>(
            """
            select u.id, u.nip, u.name, u.email, u.position_id, u.roles
            from org_users u join org_positions p on p.id = u.position_id
            where u.active and @role = any(u.roles) and p.unit_id = any(@unitIds)
            """, new { role, unitIds = unitIds.Distinct().ToArray() }, ct, uow);

    /// <summary>
    /// The units of the agency (perangkat daerah: a unit directly below the city) that contains
    /// <paramref name="unitId"/>: the scope of that agency's secretariat and archivists.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AgencyUnitsAsync(Guid unitId, CancellationToken ct = default, UnitOfWork? uow = null) =>
        await Query<Guid>(AgencyUnitsSql("@unitId"), new { unitId }, ct, uow);

    /// <summary>Whether the copy holds anything yet.</summary>
    public Task<bool> IsLoadedAsync(CancellationToken ct = default, UnitOfWork? uow = null) =>
        Scalar<bool>("select exists (select 1 from org_positions)", null, ct, uow);

    private sealed record UnitHead(Guid UnitId, Guid Id);

    private const string UserSelect = "select id, nip, name, email, position_id, roles from org_users";

    private const string PositionsOfSql =
        """
        select id from org_positions where holder_user_id = @userId and active
        union
        select position_id from org_acting where user_id = @userId and @today between from_date and to_date
        """;

    // The agency of the unit that the SQL expression <paramref name="unit"/> gives (none when it gives null).
    private static string AgencyUnitsSql(string unit) =>
        $"""
        with recursive up (id, parent_id, depth) as (
            select id, parent_id, 0 from org_units where id = {unit}
            union all
            select u.id, u.parent_id, up.depth + 1 from org_units u join up on u.id = up.parent_id where up.depth < 50
        ),
        agency as (
            -- the highest ancestor that still has a parent (the city itself has none)
            select id from up where parent_id is not null order by depth desc limit 1
        ),
        down (id, depth) as (
            select coalesce((select id from agency), {unit}), 0 where {unit} is not null
            union all
            select u.id, down.depth + 1 from org_units u join down on u.parent_id = down.id where down.depth < 50
        )
        select id from down
        """;

    // Several statements in one round trip, read in order from the grid.
    private Task<T> Batch<T>(string sql, object param, Func<SqlMapper.GridReader, Task<T>> read, CancellationToken ct, UnitOfWork? uow) =>
        uow is null ? db.QueryMultipleAsync(sql, param, read, ct) : uow.QueryMultipleAsync(sql, param, read);

    // Inside a unit of work, reads go through its connection: a request never holds two connections.
    private Task<IReadOnlyList<T>> Query<T>(string sql, object? param, CancellationToken ct, UnitOfWork? uow) =>
        uow is null ? db.QueryAsync<T>(sql, param, ct) : uow.QueryAsync<T>(sql, param);

    private Task<T?> Single<T>(string sql, object? param, CancellationToken ct, UnitOfWork? uow) =>
        uow is null ? db.QuerySingleOrDefaultAsync<T>(sql, param, ct) : uow.QuerySingleOrDefaultAsync<T>(sql, param);

    private Task<T?> Scalar<T>(string sql, object? param, CancellationToken ct, UnitOfWork? uow) =>
        uow is null ? db.ExecuteScalarAsync<T>(sql, param, ct) : uow.ExecuteScalarAsync<T>(sql, param);
}
