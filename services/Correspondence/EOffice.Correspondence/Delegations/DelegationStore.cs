using EOffice.Correspondence.Letters;
using EOffice.Correspondence.LetterTypes;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Delegations;

/// <summary>Recording, listing and reading delegations of signing.</summary>
public sealed class DelegationStore(Db db, OrgChart org, LetterStore letters, LetterTypeStore letterTypes)
{
    private const string Select =
        "select id, from_position_id, to_position_id, kind, letter_types, from_date, to_date from delegations";

    /// <summary>Records a delegation (admin); returns it.</summary>
    public async Task<DelegationView> CreateAsync(DelegationRequest r, Caller caller, CancellationToken ct)
    {
        DelegationRules.Validate(r, await letterTypes.ActiveCodesAsync(ct), org.Today);
        var known = (await org.PositionsAsync([r.FromPositionId!.Value, r.ToPositionId!.Value], ct)).Select(p => p.Id).ToHashSet();
        new FieldErrors()
            .Check(known.Contains(r.FromPositionId.Value), "fromPositionId", "Jabatan tidak ditemukan.")
            .Check(known.Contains(r.ToPositionId.Value), "toPositionId", "Jabatan tidak ditemukan.")
            .ThrowIfAny();

        var d = new Delegation(Guid.CreateVersion7(), r.FromPositionId.Value, r.ToPositionId.Value, r.Kind!, r.LetterTypes!, r.From!.Value, r.To!.Value);
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync(
            """
            insert into delegations (id, from_position_id, to_position_id, kind, letter_types, from_date, to_date, created_by)
            values (@Id, @FromPositionId, @ToPositionId, @Kind, @types, @From, @To, @createdBy)
            """,
            new { d.Id, d.FromPositionId, d.ToPositionId, d.Kind, types = d.LetterTypes.ToArray(), d.From, d.To, createdBy = caller.UserId });
        await uow.AuditAsync(caller.UserId, "delegation-created", "delegation", d.Id, d);
        await uow.CommitAsync();
        return (await ViewsAsync([d], ct))[0];
    }

    /// <summary>Deletes a delegation (admin); letters signed by it keep what they were signed as.</summary>
    public async Task DeleteAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        if (await uow.ExecuteAsync("delete from delegations where id = @id", new { id }) == 0)
        {
            throw ProblemException.NotFound("delegation");
        }

        await uow.AuditAsync(caller.UserId, "delegation-deleted", "delegation", id);
        await uow.CommitAsync();
    }

    /// <summary>Every delegation (optionally those involving one position), newest period first.</summary>
    public async Task<IReadOnlyList<DelegationView>> ListAsync(Guid? positionId, CancellationToken ct) =>
        await ViewsAsync(Map(await db.QueryAsync<Row>(
            Select + " where @positionId::uuid is null or @positionId in (from_position_id, to_position_id) order by to_date desc, id",
            new { positionId }, ct)), ct);

    /// <summary>The delegations the caller's positions hold that have not ended (for choosing "Atas nama" when drafting).</summary>
    public async Task<IReadOnlyList<DelegationView>> MineAsync(Caller caller, CancellationToken ct) =>
        await HeldByAsync((await letters.ViewerAsync(caller, ct)).Positions, ct);

    /// <summary>The delegations the caller's positions granted (others sign for them) that have not ended.</summary>
    public async Task<IReadOnlyList<DelegationView>> GrantedAsync(Caller caller, CancellationToken ct) =>
        await ViewsAsync(Map(await db.QueryAsync<Row>(
            Select + " where from_position_id = any(@positions) and to_date >= @today order by from_date, id",
            new { positions = (await letters.ViewerAsync(caller, ct)).Positions.ToArray(), today = org.Today }, ct)), ct);

    /// <summary>The delegations that have not ended held by some positions (a drafter choosing "Atas nama" for the signer).</summary>
    public async Task<IReadOnlyList<DelegationView>> HeldByAsync(IEnumerable<Guid> positions, CancellationToken ct) =>
        await ViewsAsync(Map(await db.QueryAsync<Row>(
            Select + " where to_position_id = any(@positions) and to_date >= @today order by from_date, id",
            new { positions = positions.ToArray(), today = org.Today }, ct)), ct);

    /// <summary>The delegations from <paramref name="fromPosition"/> to <paramref name="toPosition"/>, whatever their period.</summary>
    public async Task<IReadOnlyList<Delegation>> BetweenAsync(Guid fromPosition, Guid toPosition, CancellationToken ct, UnitOfWork? uow = null)
    {
        const string sql = Select + " where from_position_id = @fromPosition and to_position_id = @toPosition";
        var rows = uow is null
            ? await db.QueryAsync<Row>(sql, new { fromPosition, toPosition }, ct)
            : await uow.QueryAsync<Row>(sql, new { fromPosition, toPosition });
        return Map(rows);
    }

    private async Task<IReadOnlyList<DelegationView>> ViewsAsync(IReadOnlyList<Delegation> list, CancellationToken ct)
    {
        var titles = (await org.PositionsAsync(list.SelectMany(d => new[] { d.FromPositionId, d.ToPositionId }), ct)).ToDictionary(p => p.Id, p => p.Title);
        return list.Select(d => new DelegationView(d.Id, d.FromPositionId, titles.GetValueOrDefault(d.FromPositionId), d.ToPositionId,
            titles.GetValueOrDefault(d.ToPositionId), d.Kind, d.LetterTypes, d.From, d.To)).ToList();
    }

    private static List<Delegation> Map(IEnumerable<Row> rows) =>
        rows.Select(r => new Delegation(r.Id, r.FromPositionId, r.ToPositionId, r.Kind, r.LetterTypes, r.FromDate, r.ToDate)).ToList();

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid FromPositionId { get; init; }
        public Guid ToPositionId { get; init; }
        public string Kind { get; init; } = "";
        public string[] LetterTypes { get; init; } = [];
        public DateOnly FromDate { get; init; }
        public DateOnly ToDate { get; init; }
    }
}
