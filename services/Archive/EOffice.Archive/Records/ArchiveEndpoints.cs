using EOffice.Archive.Classification;
using EOffice.Archive.Disposal;
using EOffice.Archive.Search;
using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Records;

/// <summary>The Archive API.</summary>
public static class ArchiveEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/records").WithTags("Records").WithProblems();
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
        }).WithSummary("Search the archive's records the caller may see");
        records.MapGet("/{id:guid}", async (Guid id, HttpContext http, RecordSearch search, OrgChart org, CancellationToken ct) =>
            TypedResults.Ok(await search.GetAsync(id, await RecordScope.OfAsync(http.Caller(), org, ct), ct) ?? throw ProblemException.NotFound("record")))
            .WithSummary("Get a record");
        records.MapPost("/{id:guid}/hold", async (Guid id, HoldRequest? r, HttpContext http, RecordHolds holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.SetAsync(id, true, r?.Reason, http.Caller(), ct))).RequireAuthorization(Policies.Archivist)
            .WithSummary("Put a legal hold on a record");
        records.MapDelete("/{id:guid}/hold", async (Guid id, string? reason, HttpContext http, RecordHolds holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.SetAsync(id, false, reason, http.Caller(), ct))).RequireAuthorization(Policies.Archivist)
            .WithSummary("Release a record's legal hold");
        records.MapGet("/{id:guid}/holds", async (Guid id, HttpContext http, RecordHolds holds, CancellationToken ct) =>
            TypedResults.Ok(await holds.HistoryAsync(id, http.Caller(), ct)))
            .WithSummary("List a record's hold history");

        var retention = app.MapGroup("/api/retention").WithTags("Retention").WithProblems();
        retention.MapGet("/due", async (int? limit, string? after, HttpContext http, RecordSearch search, OrgChart org, CancellationToken ct) =>
        {
            var scope = await RecordScope.OfAsync(http.Caller(), org, ct);
            return TypedResults.Ok(await search.SearchAsync(new RecordFilter(null, null, null, null, null, null, RecordStates.DueForDisposal),
                scope with { Positions = [], SecretariatUnits = [] }, limit, after, ct));
        }).RequireAuthorization(Policies.Archivist).WithSummary("List the records due for disposal");

        var proposals = app.MapGroup("/api/disposal-proposals").WithTags("Disposal").RequireAuthorization(Policies.Archivist).WithProblems();
        proposals.MapPost("", async (ProposalRequest r, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
        {
            var id = await flow.ProposeAsync(r, http.Caller(), ct);
            return TypedResults.Created($"/api/disposal-proposals/{id}", await flow.GetAsync(id, http.Caller(), ct));
        }).WithSummary("Propose records for disposal");
        proposals.MapGet("", async (string? status, int? limit, string? after, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.ListAsync(status, limit, after, http.Caller(), ct)))
            .WithSummary("List disposal proposals");
        proposals.MapGet("/{id:guid}", async (Guid id, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.GetAsync(id, http.Caller(), ct)))
            .WithSummary("Get a disposal proposal");
        proposals.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, DisposalFlow flow, CancellationToken ct) =>
        {
            await flow.ApproveAsync(id, http.Caller(), ct);
            return TypedResults.Ok(await flow.GetAsync(id, http.Caller(), ct));
        }).WithSummary("Approve a disposal proposal (a second archivist)");

        var classifications = app.MapGroup("/api/classifications").WithTags("Classification").WithProblems();
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
        }).WithSummary("Get the classification scheme as a tree with retention rules");
        classifications.MapPost("", async (ClassificationRequest r, HttpContext http, ClassificationScheme scheme, CancellationToken ct) =>
        {
            await scheme.SaveAsync(r, creating: true, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/classifications/{r.Code}", r);
        }).RequireAuthorization(Policies.Archivist).WithSummary("Add a classification code");
        classifications.MapPut("/{code}", async (string code, ClassificationRequest r, HttpContext http, ClassificationScheme scheme, CancellationToken ct) =>
        {
            await scheme.SaveAsync(r with { Code = code }, creating: false, http.Caller().UserId, ct);
            return TypedResults.Ok(r with { Code = code });
        }).RequireAuthorization(Policies.Archivist).WithSummary("Change a classification code's title or retention");
    }
}
