using EOffice.Archive.Classification;
using EOffice.Archive.Disposal;
using EOffice.Archive.Search;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Archive.Records;

/// <summary>A legal hold.</summary>
public sealed record HoldRequest(string? Reason);

/// <summary>A hold placed or lifted, with its reason (from the audit trail).</summary>
public sealed record HoldEvent
{
    public string Action { get; init; } = "";
    public string? Reason { get; init; }
    public Guid? ByUserId { get; init; }
    public string? ByName { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>A classification code and its rule.</summary>
public sealed record ClassificationRequest(string? Code, string? ParentCode, string? Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition);

/// <summary>A node of the classification tree.</summary>
public sealed record ClassificationNode(string Code, string Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition,
    RetentionRule Effective, List<ClassificationNode> Children);

/// <summary>The Archive API.</summary>
public static class ArchiveEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/records").WithTags("Records");
        records.MapGet("", async (string? q, Guid? unitId, string? classification, DateOnly? from, DateOnly? to, string? security, string? state,
            int? limit, string? after, HttpContext http, RecordSearch search, OrgChart org, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            errors.Check(security is null || SecurityLevels.All.Contains(security), "security", $"One of: {string.Join(", ", SecurityLevels.All)}.");
            errors.Check(state is null || state is RecordStates.Active or RecordStates.Inactive or RecordStates.DueForDisposal or RecordStates.Destroyed or RecordStates.Permanent,
                "state", "Active, Inactive, DueForDisposal, Destroyed or Permanent.");
            errors.Check(from is null || to is null || from <= to, "to", "Must not be before 'from'.");
            errors.ThrowIfAny();
            var scope = await RecordScope.OfAsync(http.Caller(), org, ct);
            return TypedResults.Ok(await search.SearchAsync(new RecordFilter(q, unitId, classification, from, to, security, state), scope, limit, after, ct));
        });
        records.MapGet("/{id:guid}", async (Guid id, HttpContext http, RecordSearch search, OrgChart org, CancellationToken ct) =>
            TypedResults.Ok(await search.GetAsync(id, await RecordScope.OfAsync(http.Caller(), org, ct), ct) ?? throw ProblemException.NotFound("record")));
        records.MapPost("/{id:guid}/hold", (Guid id, HoldRequest? r, HttpContext http, Db db, OrgChart org, RecordSearch search, CancellationToken ct) =>
            SetHoldAsync(id, true, r?.Reason, http, db, org, search, ct)).RequireAuthorization(Policies.Archivist);
        records.MapDelete("/{id:guid}/hold", (Guid id, string? reason, HttpContext http, Db db, OrgChart org, RecordSearch search, CancellationToken ct) =>
            SetHoldAsync(id, false, reason, http, db, org, search, ct)).RequireAuthorization(Policies.Archivist);
        records.MapGet("/{id:guid}/holds", async (Guid id, HttpContext http, Db db, OrgChart org, RecordSearch search, CancellationToken ct) =>
        {
            _ = await search.GetAsync(id, await RecordScope.OfAsync(http.Caller(), org, ct), ct) ?? throw ProblemException.NotFound("record");
            var rows = await db.QueryAsync<HoldEvent>(
                """
                select case a.action when 'hold-placed' then 'Placed' else 'Lifted' end as action, a.detail ->> 'reason' as reason,
                       a.actor_user_id as by_user_id, u.name as by_name, a.at
                from audit_log a left join org_users u on u.id = a.actor_user_id
                where a.entity = 'record' and a.entity_id = @id and a.action in ('hold-placed', 'hold-lifted')
                order by a.at desc, a.id desc
                """, new { id }, ct);
            return TypedResults.Ok(rows);
        });

        app.MapGet("/api/retention/due", async (int? limit, string? after, HttpContext http, RecordSearch search, OrgChart org, CancellationToken ct) =>
        {
            var scope = await RecordScope.OfAsync(http.Caller(), org, ct);
            return TypedResults.Ok(await search.SearchAsync(new RecordFilter(null, null, null, null, null, null, RecordStates.DueForDisposal),
                scope with { Positions = [], SecretariatUnits = [] }, limit, after, ct));
        }).RequireAuthorization(Policies.Archivist).WithTags("Retention");

        var proposals = app.MapGroup("/api/disposal-proposals").WithTags("Disposal").RequireAuthorization(Policies.Archivist);
        proposals.MapPost("", async (ProposalRequest r, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
        {
            var id = await flow.ProposeAsync(r, http.Caller(), ct);
            return TypedResults.Created($"/api/disposal-proposals/{id}", await flow.GetAsync(id, http.Caller(), ct));
        });
        proposals.MapGet("", async (string? status, int? limit, string? after, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.ListAsync(status, limit, after, http.Caller(), ct)));
        proposals.MapGet("/{id:guid}", async (Guid id, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.GetAsync(id, http.Caller(), ct)));
        proposals.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
        {
            await flow.ApproveAsync(id, http.Caller(), ct);
            return TypedResults.Ok(await flow.GetAsync(id, http.Caller(), ct));
        });

        var classifications = app.MapGroup("/api/classifications").WithTags("Classification");
        classifications.MapGet("", async (ClassificationScheme scheme, ArchiveSettings settings, CancellationToken ct) =>
        {
            var all = await scheme.LoadAsync(ct);
            var nodes = all.Values.OrderBy(e => e.Code, StringComparer.Ordinal).ToDictionary(e => e.Code, e => new ClassificationNode(
                e.Code, e.Title, e.Rule?.ActiveYears, e.Rule?.InactiveYears, e.Rule?.FinalDisposition, Retention.RuleFor(e.Code, all, settings.DefaultRule).Rule, []));
            var roots = new List<ClassificationNode>();
            foreach (var e in all.Values.OrderBy(e => e.Code, StringComparer.Ordinal))
            {
                (e.ParentCode is { } p && nodes.TryGetValue(p, out var parent) ? parent.Children : roots).Add(nodes[e.Code]);
            }

            return TypedResults.Ok(roots);
        });
        classifications.MapPost("", (ClassificationRequest r, HttpContext http, Db db, CancellationToken ct) => SaveClassificationAsync(r, true, http, db, ct))
            .RequireAuthorization(Policies.Archivist);
        classifications.MapPut("/{code}", (string code, ClassificationRequest r, HttpContext http, Db db, CancellationToken ct) =>
            SaveClassificationAsync(r with { Code = code }, false, http, db, ct)).RequireAuthorization(Policies.Archivist);
    }

    private static async Task<IResult> SetHoldAsync(Guid id, bool hold, string? reason, HttpContext http, Db db, OrgChart org, RecordSearch search, CancellationToken ct)
    {
        var caller = http.Caller();
        var scope = await RecordScope.OfAsync(caller, org, ct);
        var record = await search.GetAsync(id, scope, ct);
        if (record is null || !scope.IsArchivistOf(record.UnitId))
        {
            throw ProblemException.NotFound("record");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ProblemException.Invalid("reason", hold
                ? "Tuliskan alasan penahanan (mis. perkara yang memerlukan arsip ini sebagai bukti)."
                : "Tuliskan alasan pencabutan penahanan.");
        }

        if (reason.Length > 1000)
        {
            throw ProblemException.Invalid("reason", "Paling banyak 1000 karakter.");
        }

        if (!hold && !record.Hold)
        {
            throw ProblemException.Conflict("not-held", "Arsip ini tidak sedang ditahan.");
        }

        if (record.State is RecordStates.Destroyed)
        {
            throw ProblemException.Conflict("wrong-state", "A destroyed record cannot be held.");
        }

        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("update records set hold = @hold, hold_reason = case when @hold then @reason end, updated_at = now() where id = @id", new { id, hold, reason });
        await uow.AuditAsync(caller.UserId, hold ? "hold-placed" : "hold-lifted", "record", id, new { reason });
        await uow.CommitAsync();
        return TypedResults.Ok(await search.GetAsync(id, scope, ct));
    }

    private static async Task<IResult> SaveClassificationAsync(ClassificationRequest r, bool creating, HttpContext http, Db db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(r.Code is not null && System.Text.RegularExpressions.Regex.IsMatch(r.Code, @"^\d{3}(\.\d{1,4}){0,5}$"), "code", "Kode seperti 000, 000.1 atau 800.1.11.");
        errors.Required("title", r.Title, 300);
        var rule = new int?[] { r.ActiveYears, r.InactiveYears }.Count(v => v is not null) + (r.FinalDisposition is null ? 0 : 1);
        errors.Check(rule is 0 or 3, "finalDisposition", "Isi masa aktif, masa inaktif dan nasib akhir bersama-sama, atau kosongkan ketiganya untuk mengikuti aturan induk.");
        errors.Check(r.FinalDisposition is null || FinalDisposition.All.Contains(r.FinalDisposition), "finalDisposition", "Musnah (Destroy), Permanen (Permanent) atau Dinilai kembali (Review).");
        errors.Check(r.ActiveYears is null or (>= 0 and <= 100) && r.InactiveYears is null or (>= 0 and <= 100), "activeYears", "0 sampai 100 tahun.");
        errors.Check(r.ParentCode is null || (r.Code is not null && r.Code.StartsWith(r.ParentCode + ".", StringComparison.Ordinal)), "parentCode",
            "Kode turunan diawali kode induknya dan titik.");
        errors.ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        if (r.ParentCode is not null && !await uow.ExecuteScalarAsync<bool>("select exists (select 1 from classifications where code = @ParentCode)", r))
        {
            throw ProblemException.Invalid("parentCode", "Kode induk tidak ada.");
        }

        if (creating && await uow.ExecuteScalarAsync<bool>("select exists (select 1 from classifications where code = @Code)", r))
        {
            throw ProblemException.Conflict("duplicate-code", $"Kode {r.Code} sudah ada; ubah kode itu alih-alih menambahkannya lagi.");
        }

        var changed = creating
            ? await uow.ExecuteAsync(
                "insert into classifications (code, parent_code, title, active_years, inactive_years, final_disposition) values (@Code, @ParentCode, @Title, @ActiveYears, @InactiveYears, @FinalDisposition)", r)
            : await uow.ExecuteAsync(
                "update classifications set parent_code = @ParentCode, title = @Title, active_years = @ActiveYears, inactive_years = @InactiveYears, final_disposition = @FinalDisposition where code = @Code", r);
        if (changed == 0)
        {
            throw ProblemException.NotFound("classification");
        }

        await uow.AuditAsync(http.Caller().UserId, creating ? "classification-created" : "classification-updated", "classification", null, r);
        await uow.CommitAsync();
        return creating ? TypedResults.Created($"/api/classifications/{r.Code}", r) : TypedResults.Ok(r);
    }
}
