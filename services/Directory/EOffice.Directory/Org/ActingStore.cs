using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Org;

/// <summary>An acting assignment (Plt/Plh) of a position, current, coming or recently ended.</summary>
public sealed record ActingView(Guid Id, Guid UserId, string Name, string Nip, string Kind, DateOnly From, DateOnly To);

/// <summary>Acting holders (Plt/Plh) of positions, for a date range on the city's calendar.</summary>
public sealed class ActingStore(Db db, OrgEvents events, CityClock city)
{
    /// <summary>Acting holders of a position that have not ended more than a year ago, newest start first; null when there is no such position.</summary>
    public async Task<IReadOnlyList<ActingView>?> ListAsync(Guid positionId, CancellationToken ct)
    {
        if (!await db.ExecuteScalarAsync<bool>("select exists (select 1 from positions where id = @positionId)", new { positionId }, ct))
        {
            return null;
        }

        var rows = await db.QueryAsync<ActingRow>(
            """
            select a.id, a.user_id, u.name, u.nip, a.kind, a.from_date, a.to_date
            from acting_assignments a join users u on u.id = a.user_id
            where a.position_id = @positionId and a.to_date >= @since
            order by a.from_date desc, a.id desc
            """, new { positionId, since = city.Today.AddDays(-366) }, ct);
        return rows.Select(a => new ActingView(a.Id, a.UserId, a.Name, a.Nip, a.Kind, a.FromDate, a.ToDate)).ToList();
    }

    /// <summary>Assigns an acting holder (Plt/Plh) for a date range.</summary>
    public async Task<Guid> AddActingAsync(Guid positionId, ActingRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await PositionStore.RequirePositionAsync(uow, positionId, "positionId", notFound: true);
        if (!await uow.ExecuteScalarAsync<bool>("select exists (select 1 from users where id = @UserId and active)", new { r.UserId }))
        {
            throw ProblemException.Invalid("userId", "No such active user.");
        }

        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into acting_assignments (id, position_id, user_id, kind, from_date, to_date)
            values (@id, @positionId, @UserId, @kind, @From, @To)
            """, new { id, positionId, r.UserId, kind = r.Kind ?? "Plt", r.From, r.To });
        await events.PublishPositionAsync(uow, positionId);
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

        await events.PublishPositionAsync(uow, positionId);
        await uow.AuditAsync(actor, "acting-removed", "position", positionId, new { actingId });
        await uow.CommitAsync();
    }

    private sealed class ActingRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string Nip { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateOnly FromDate { get; init; }
        public DateOnly ToDate { get; init; }
    }
}
