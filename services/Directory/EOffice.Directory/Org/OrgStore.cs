using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Org;

/// <summary>Reads and changes the org chart. Every change publishes <see cref="OrgChanged"/> through the outbox.</summary>
public sealed class OrgStore(Db db, TimeProvider clock, CityClock city)
{
    // ---- reads ----

    /// <summary>Every unit as a forest, ordered by code.</summary>
    public async Task<IReadOnlyList<UnitNode>> UnitTreeAsync(CancellationToken ct)
    {
        var units = await db.QueryAsync<UnitRow>("select id, code, name, parent_id, active from units order by code", ct: ct);
        var nodes = units.ToDictionary(u => u.Id, u => new UnitNode(u.Id, u.Code, u.Name, u.ParentId, u.Active, []));
        var roots = new List<UnitNode>();
        foreach (var u in units)
        {
            if (u.ParentId is { } p && nodes.TryGetValue(p, out var parent))
            {
                parent.Children.Add(nodes[u.Id]);
            }
            else
            {
                roots.Add(nodes[u.Id]);
            }
        }

        return roots;
    }

    /// <summary>Positions, filtered by unit and title/holder text, by id.</summary>
    public async Task<Page<PositionView>> PositionsAsync(Guid? unitId, string? q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 1);
        var rows = await db.QueryAsync<PositionRow>(
            PositionSelect + """
            where (@unitId::uuid is null or p.unit_id = @unitId)
              and (@q::text is null or p.title ilike @q or h.name ilike @q or h.nip like @q or un.code ilike @q)
              and (@after::uuid is null or p.id > @after)
            order by p.id
            limit @take
            """,
            new { unitId, q = SqlText.Contains(q), after = cursor?.Id(0), take = take + 1, today = city.Today }, ct);
        return Paging.Build(rows.Select(ToView).ToList(), take, p => Paging.Encode(p.Id.ToString()));
    }

    /// <summary>One position.</summary>
    public async Task<PositionView?> PositionAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<PositionRow>(PositionSelect + "where p.id = @id", new { id, today = city.Today }, ct);
        return row is null ? null : ToView(row);
    }

    /// <summary>Every position below one, at any depth, nearest first.</summary>
    public async Task<IReadOnlyList<PositionView>> SubordinatesAsync(Guid id, CancellationToken ct)
    {
        var rows = await db.QueryAsync<PositionRow>(
            """
            with recursive below (id, depth) as (
                select id, 1 from positions where superior_id = @id
                union all
                select p.id, b.depth + 1 from positions p join below b on p.superior_id = b.id where b.depth < 50
            )
            """ + PositionSelect + "join below b on b.id = p.id order by b.depth, p.title, p.id",
            new { id, today = city.Today }, ct);
        return rows.Select(ToView).ToList();
    }

    /// <summary>Users, filtered by name/NIP/email text, by name.</summary>
    public async Task<Page<UserView>> UsersAsync(string? q, Guid? unitId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 2);
        var rows = await db.QueryAsync<UserRow>(
            UserSelect + """
            where (@q::text is null or u.name ilike @q or u.nip like @q or u.email ilike @q)
              and (@unitId::uuid is null or p.unit_id = @unitId)
              and (@afterName::text is null or (lower(u.name), u.id) > (@afterName, @afterId))
            order by lower(u.name), u.id
            limit @take
            """,
            new
            {
                q = SqlText.Contains(q),
                unitId,
                afterName = cursor?.Text(0),
                afterId = cursor?.Id(1),
                take = take + 1,
            }, ct);
        return Paging.Build(rows.Select(ToView).ToList(), take, u => Paging.Encode(u.Name.ToLowerInvariant(), u.Id.ToString()));
    }

    /// <summary>One user.</summary>
    public async Task<UserView?> UserAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<UserRow>(UserSelect + "where u.id = @id", new { id }, ct);
        return row is null ? null : ToView(row);
    }

    /// <summary>The whole org chart for services that keep a local copy.</summary>
    public async Task<OrgSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        // One consistent view of all three tables.
        await uow.ExecuteAsync("set transaction isolation level repeatable read read only");
        var units = await uow.QueryAsync<UnitRow>("select id, code, name, parent_id, active from units order by code");
        var positions = await PositionStatesAsync(uow, null);
        var users = await UserStatesAsync(uow, null);
        return new OrgSnapshot(units.Select(ToState).ToList(), positions, users, clock.GetUtcNow());
    }

    // ---- changes ----

    /// <summary>Creates a unit.</summary>
    public async Task<Guid> CreateUnitAsync(UnitRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await RequireUnitAsync(uow, r.ParentId, "parentId");
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into units (id, code, name, parent_id, active) values (@id, @Code, @Name, @ParentId, coalesce(@Active, true))",
            new { id, r.Code, Name = r.Name!.Trim(), r.ParentId, r.Active });
        await PublishUnitAsync(uow, id);
        await uow.AuditAsync(actor, "unit-created", "unit", id, r);
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Changes a unit (a parent that would make a cycle is refused).</summary>
    public async Task UpdateUnitAsync(Guid id, UnitRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("lock table units in share row exclusive mode");
        var parents = (await uow.QueryAsync<UnitRow>("select id, parent_id from units")).ToDictionary(u => u.Id, u => u.ParentId);
        if (!parents.ContainsKey(id))
        {
            throw ProblemException.NotFound("unit");
        }

        await RequireUnitAsync(uow, r.ParentId, "parentId");
        if (OrgRules.WouldCycle(id, r.ParentId, parents))
        {
            throw ProblemException.Invalid("parentId", "A unit cannot be placed under itself or one of its own sub-units.");
        }

        await uow.ExecuteAsync(
            "update units set code = @Code, name = @Name, parent_id = @ParentId, active = coalesce(@Active, active), updated_at = now() where id = @id",
            new { id, r.Code, Name = r.Name!.Trim(), r.ParentId, r.Active });
        await PublishUnitAsync(uow, id);
        await uow.AuditAsync(actor, "unit-updated", "unit", id, r);
        await uow.CommitAsync();
    }

    /// <summary>Creates a position.</summary>
    public async Task<Guid> CreatePositionAsync(PositionRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await RequireUnitAsync(uow, r.UnitId, "unitId");
        await RequirePositionAsync(uow, r.SuperiorId, "superiorId");
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into positions (id, title, unit_id, superior_id, is_unit_head, active)
            values (@id, @Title, @UnitId, @SuperiorId, coalesce(@IsUnitHead, false), coalesce(@Active, true))
            """, new { id, Title = r.Title!.Trim(), r.UnitId, r.SuperiorId, r.IsUnitHead, r.Active });
        await PublishPositionAsync(uow, id);
        await uow.AuditAsync(actor, "position-created", "position", id, r);
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Changes a position (a superior that would make a cycle is refused).</summary>
    public async Task UpdatePositionAsync(Guid id, PositionRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("lock table positions in share row exclusive mode");
        var superiors = (await uow.QueryAsync<PositionRow>("select id, superior_id from positions p")).ToDictionary(p => p.Id, p => p.SuperiorId);
        if (!superiors.ContainsKey(id))
        {
            throw ProblemException.NotFound("position");
        }

        await RequireUnitAsync(uow, r.UnitId, "unitId");
        await RequirePositionAsync(uow, r.SuperiorId, "superiorId");
        if (OrgRules.WouldCycle(id, r.SuperiorId, superiors))
        {
            throw ProblemException.Invalid("superiorId", "A position cannot report to itself or to one of its own subordinates.");
        }

        await uow.ExecuteAsync(
            """
            update positions set title = @Title, unit_id = @UnitId, superior_id = @SuperiorId,
                is_unit_head = coalesce(@IsUnitHead, is_unit_head), active = coalesce(@Active, active), updated_at = now()
            where id = @id
            """, new { id, Title = r.Title!.Trim(), r.UnitId, r.SuperiorId, r.IsUnitHead, r.Active });
        await PublishPositionAsync(uow, id);
        await uow.AuditAsync(actor, "position-updated", "position", id, r);
        await uow.CommitAsync();
    }

    /// <summary>Puts a user in a position (moving them out of their old one), or vacates it.</summary>
    public async Task SetHolderAsync(Guid positionId, Guid? userId, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await RequirePositionAsync(uow, positionId, "positionId", notFound: true);
        var previousHolder = await PlaceAsync(uow, positionId, userId);
        await uow.AuditAsync(actor, "holder-set", "position", positionId, new { userId, previousHolder });
        await uow.CommitAsync();
    }

    /// <summary>
    /// Within <paramref name="uow"/>: puts <paramref name="userId"/> in the position (out of their old one) or vacates
    /// it; revokes the refresh tokens of whoever changes position and publishes the change. Returns the previous holder.
    /// The database records the holder history (<c>position_holders</c>) as users' positions change.
    /// </summary>
    internal async Task<Guid?> PlaceAsync(UnitOfWork uow, Guid positionId, Guid? userId)
    {
        var previousHolder = await uow.ExecuteScalarAsync<Guid?>(
            "select id from users where position_id = @positionId for update", new { positionId });
        var previousPosition = userId is null ? null : await uow.ExecuteScalarAsync<Guid?>(
            "select position_id from users where id = @userId for update", new { userId });
        if (userId is not null && !await ExistsAsync(uow, "select exists (select 1 from users where id = @id)", userId.Value))
        {
            throw ProblemException.Invalid("userId", "No such user.");
        }

        // The holder who stays (the same person set again) is left in place: their holding goes on, not a new one.
        await uow.ExecuteAsync(
            "update users set position_id = null, updated_at = now() where position_id = @positionId and id is distinct from @userId::uuid",
            new { positionId, userId });
        if (userId is not null && previousPosition != positionId)
        {
            await uow.ExecuteAsync("update users set position_id = @positionId, updated_at = now() where id = @userId", new { positionId, userId });
        }

        foreach (var user in new[] { previousHolder, userId }.OfType<Guid>().Distinct())
        {
            // A person who changes position (moved in, or moved out of it) signs in again: their refresh tokens
            // carry the old position. Access tokens run out on their own; services read the position from the org chart.
            if (user != userId || previousPosition != positionId)
            {
                await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @user and revoked_at is null", new { user });
            }

            await PublishUserAsync(uow, user);
        }

        foreach (var position in new Guid?[] { positionId, previousPosition }.OfType<Guid>().Distinct())
        {
            await PublishPositionAsync(uow, position);
        }

        return previousHolder;
    }

    /// <summary>Assigns an acting holder (Plt/Plh) for a date range.</summary>
    public async Task<Guid> AddActingAsync(Guid positionId, ActingRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await RequirePositionAsync(uow, positionId, "positionId", notFound: true);
        if (!await ExistsAsync(uow, "select exists (select 1 from users where id = @id and active)", r.UserId!.Value))
        {
            throw ProblemException.Invalid("userId", "No such active user.");
        }

        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into acting_assignments (id, position_id, user_id, kind, from_date, to_date)
            values (@id, @positionId, @UserId, @kind, @From, @To)
            """, new { id, positionId, r.UserId, kind = r.Kind ?? "Plt", r.From, r.To });
        await PublishPositionAsync(uow, positionId);
        await uow.AuditAsync(actor, "acting-assigned", "position", positionId, r);
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Ends an acting assignment early (removes it).</summary>
    public async Task RemoveActingAsync(Guid positionId, Guid actingId, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var removed = await uow.ExecuteAsync(
            "delete from acting_assignments where id = @actingId and position_id = @positionId", new { actingId, positionId });
        if (removed == 0)
        {
            throw ProblemException.NotFound("acting assignment");
        }

        await PublishPositionAsync(uow, positionId);
        await uow.AuditAsync(actor, "acting-removed", "position", positionId, new { actingId });
        await uow.CommitAsync();
    }

    /// <summary>Creates a user.</summary>
    public async Task<Guid> CreateUserAsync(UserRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r, creating: true);
        await using var uow = await db.BeginAsync(ct);
        var id = Guid.CreateVersion7();
        await NikUnique(() => uow.ExecuteAsync(
            """
            insert into users (id, nip, name, email, phone, password_hash, roles, active, nik)
            values (@id, @Nip, @Name, @Email, @Phone, @hash, @roles, coalesce(@Active, true), nullif(@Nik, ''))
            """,
            new { id, r.Nip, Name = r.Name!.Trim(), Email = r.Email!.Trim(), r.Phone, hash = Auth.Passwords.Hash(r.Password!), roles = Roles(r), r.Active, r.Nik }));
        await PublishUserAsync(uow, id);
        await uow.AuditAsync(actor, "user-created", "user", id, r with { Password = null });
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Changes a user (a password given here resets it).</summary>
    public async Task UpdateUserAsync(Guid id, UserRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r, creating: false);
        await using var uow = await db.BeginAsync(ct);
        var changed = await NikUnique(() => uow.ExecuteAsync(
            """
            update users set nip = @Nip, name = @Name, email = @Email, phone = @Phone, roles = @roles,
                active = coalesce(@Active, active), password_hash = coalesce(@hash, password_hash),
                nik = case when @Nik::text is null then nik else nullif(@Nik, '') end, updated_at = now()
            where id = @id
            """,
            new
            {
                id,
                r.Nip,
                Name = r.Name!.Trim(),
                Email = r.Email!.Trim(),
                r.Phone,
                roles = Roles(r),
                r.Active,
                hash = r.Password is null ? null : Auth.Passwords.Hash(r.Password),
                r.Nik,
            }));
        if (changed == 0)
        {
            throw ProblemException.NotFound("user");
        }

        if (r.Active == false || r.Password is not null)
        {
            await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @id and revoked_at is null", new { id });
        }

        await PublishUserAsync(uow, id);
        await uow.AuditAsync(actor, "user-updated", "user", id, r with { Password = r.Password is null ? null : "(changed)" });
        await uow.CommitAsync();
    }

    // One person, one NIK: a NIK already given to someone else is a 409 naming it.
    private static async Task<int> NikUnique(Func<Task<int>> write)
    {
        try
        {
            return await write();
        }
        catch (Npgsql.PostgresException e) when (e is { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "users_nik_key" })
        {
            throw ProblemException.Conflict("nik-taken", "NIK ini sudah tercatat untuk pengguna lain.");
        }
    }

    // ---- events ----

    internal async Task PublishUnitAsync(UnitOfWork uow, Guid id)
    {
        var unit = await uow.QuerySingleOrDefaultAsync<UnitRow>("select id, code, name, parent_id, active from units where id = @id", new { id })
            ?? throw new InvalidOperationException("unit vanished");
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.Unit, id, ToState(unit), null, null, clock.GetUtcNow()));
    }

    internal async Task PublishPositionAsync(UnitOfWork uow, Guid id)
    {
        var state = (await PositionStatesAsync(uow, id)).Single();
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.Position, id, null, state, null, clock.GetUtcNow()));
    }

    internal async Task PublishUserAsync(UnitOfWork uow, Guid id)
    {
        var state = (await UserStatesAsync(uow, id)).Single();
        await uow.PublishAsync(new OrgChanged(OrgEntityKind.User, id, null, null, state, clock.GetUtcNow()));
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

    // ---- helpers ----

    private static string[] Roles(UserRequest r) => r.Roles is { Count: > 0 } roles ? roles.Distinct().ToArray() : ["staff"];

    private static async Task RequireUnitAsync(UnitOfWork uow, Guid? id, string field)
    {
        if (id is { } unitId && !await ExistsAsync(uow, "select exists (select 1 from units where id = @id)", unitId))
        {
            throw ProblemException.Invalid(field, "No such unit.");
        }
    }

    private static async Task RequirePositionAsync(UnitOfWork uow, Guid? id, string field, bool notFound = false)
    {
        if (id is { } positionId && !await ExistsAsync(uow, "select exists (select 1 from positions where id = @id)", positionId))
        {
            throw notFound ? ProblemException.NotFound("position") : ProblemException.Invalid(field, "No such position.");
        }
    }

    private static async Task<bool> ExistsAsync(UnitOfWork uow, string sql, Guid id) => await uow.ExecuteScalarAsync<bool>(sql, new { id });


    private static OrgUnitState ToState(UnitRow u) => new(u.Id, u.Code, u.Name, u.ParentId, u.Active);

    private static PositionView ToView(PositionRow p) => new(
        p.Id, p.Title, p.UnitId, p.UnitCode, p.UnitName, p.SuperiorId, p.IsUnitHead, p.Active,
        p.HolderUserId is { } h ? new PositionHolder(h, p.HolderName!, p.HolderNip!) : null,
        p.ActingId is { } a ? new PositionActing(a, p.ActingUserId!.Value, p.ActingName!, p.ActingNip!, p.ActingKind!, p.ActingFrom!.Value, p.ActingTo!.Value) : null);

    private static UserView ToView(UserRow u) => new(
        u.Id, u.Nip, u.Name, u.Email, u.Phone, u.PositionId, u.PositionTitle, u.UnitId, u.UnitName, u.Roles, u.Active, u.Nik);

    private const string PositionSelect =
        """
        select p.id, p.title, p.unit_id, un.code as unit_code, un.name as unit_name, p.superior_id, p.is_unit_head, p.active,
               h.id as holder_user_id, h.name as holder_name, h.nip as holder_nip,
               a.id as acting_id, a.user_id as acting_user_id, au.name as acting_name, au.nip as acting_nip,
               a.kind as acting_kind, a.from_date as acting_from, a.to_date as acting_to
        from positions p
        join units un on un.id = p.unit_id
        left join users h on h.position_id = p.id and h.active
        left join lateral (
            select * from acting_assignments x
            where x.position_id = p.id and @today between x.from_date and x.to_date
            order by x.from_date desc limit 1
        ) a on true
        left join users au on au.id = a.user_id

        """;

    private const string UserSelect =
        """
        select u.id, u.nip, u.name, u.email, u.phone, u.position_id, p.title as position_title, p.unit_id, un.name as unit_name,
               u.roles, u.active, u.nik
        from users u
        left join positions p on p.id = u.position_id
        left join units un on un.id = p.unit_id

        """;

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
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public Guid? SuperiorId { get; init; }
        public bool IsUnitHead { get; init; }
        public bool Active { get; init; }
        public Guid? HolderUserId { get; init; }
        public string? HolderName { get; init; }
        public string? HolderNip { get; init; }
        public Guid? ActingId { get; init; }
        public Guid? ActingUserId { get; init; }
        public string? ActingName { get; init; }
        public string? ActingNip { get; init; }
        public string? ActingKind { get; init; }
        public DateOnly? ActingFrom { get; init; }
        public DateOnly? ActingTo { get; init; }
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
        public string? Phone { get; init; }
        public Guid? PositionId { get; init; }
        public string? PositionTitle { get; init; }
        public Guid? UnitId { get; init; }
        public string? UnitName { get; init; }
        public string[] Roles { get; init; } = [];
        public bool Active { get; init; }
        public string? Nik { get; init; }
    }
}
