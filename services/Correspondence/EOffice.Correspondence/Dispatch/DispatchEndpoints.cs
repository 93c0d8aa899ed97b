using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Dispatch;

/// <summary>The paper dispatch list of the secretariat.</summary>
public static class DispatchEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/dispatch?state=pending|dispatched|emailed|failed</c> (paged <c>{ items, next }</c>) and
    /// <c>POST /api/dispatch/{id}/dispatched</c> <c>{ courier?, trackingNumber?, note? }</c>; secretariat of the sending agency, or admin.
    /// </summary>
    public static void MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dispatch").WithTags("Dispatch").RequireAuthorization().WithProblems();
        group.MapGet("", async (string? state, int? limit, string? after, HttpContext http, Dispatches dispatches, CancellationToken ct) =>
            TypedResults.Ok(await dispatches.ListAsync(state, http.Caller(), limit, after, ct)))
            .WithSummary("The secretariat's paper dispatch list");
        group.MapPost("/{id:guid}/dispatched", async (Guid id, DispatchedRequest? r, HttpContext http, Dispatches dispatches, CancellationToken ct) =>
            TypedResults.Ok(await dispatches.MarkDispatchedAsync(id, r ?? new DispatchedRequest(null, null, null), http.Caller(), ct)))
            .WithSummary("Record that a paper letter was dispatched");
    }
}
