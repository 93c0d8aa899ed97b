using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Org;

/// <summary>Positions (jabatan) of the org chart: lists with their holder and today's acting holder, and changes by admins.</summary>
public sealed class PositionStore(Db db, OrgEvents events, CityClock city)
{
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

    /// <summary>Creates a position.</summary>
    public async Task<Guid> CreatePositionAsync(PositionRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await UnitStore.RequireUnitAsync(uow, r.UnitId, "unitId");
        await RequirePositionAsync(uow, r.SuperiorId, "superiorId");
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into positions (id, title, unit_id, superior_id, is_unit_head, active)
            values (@id, @Title, @UnitId, @SuperiorId, coalesce(@IsUnitHead, false), coalesce(@Active, true))
            """, new { id, Title = r.Title!.Trim(), r.UnitId, r.SuperiorId, r.IsUnitHead, r.Active });
        await events.PublishPositionAsync(uow, id);
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

        await UnitStore.RequireUnitAsync(uow, r.UnitId, "unitId");
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
        await events.PublishPositionAsync(uow, id);
        await uow.AuditAsync(actor, "position-updated", "position", id, r);
        await uow.CommitAsync();
    }

    /// <summary>Whether a position exists.</summary>
    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>("select exists (select 1 from positions where id = @id)", new { id }, ct);

    /// <summary>Refuses a position id that names no position: 404 when <paramref name="notFound"/>, else 400 on <paramref name="field"/>; null passes.</summary>
    internal static async Task RequirePositionAsync(UnitOfWork uow, Guid? id, string field, bool notFound = false)
    {
        if (id is { } positionId && !await uow.ExecuteScalarAsync<bool>("select exists (select 1 from positions where id = @positionId)", new { positionId }))
        {
            throw notFound ? ProblemException.NotFound("position") : ProblemException.Invalid(field, "No such position.");
        }
    }

    private static PositionView ToView(PositionRow p) => new(
        p.Id, p.Title, p.UnitId, p.UnitCode, p.UnitName, p.SuperiorId, p.IsUnitHead, p.Active,
        p.HolderUserId is { } h ? new PositionHolder(h, p.HolderName!, p.HolderNip!) : null,
        p.ActingId is { } a ? new PositionActing(a, p.ActingUserId!.Value, p.ActingName!, p.ActingNip!, p.ActingKind!, p.ActingFrom!.Value, p.ActingTo!.Value) : null);

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
            select x.id, x.user_id, x.kind, x.from_date, x.to_date from acting_assignments x
            where x.position_id = p.id and @today between x.from_date and x.to_date
            order by x.from_date desc limit 1
        ) a on true
        left join users au on au.id = a.user_id

        """;

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
}
