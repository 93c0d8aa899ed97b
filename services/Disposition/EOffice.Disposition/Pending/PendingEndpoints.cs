using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Disposition.Pending;

/// <summary>Disposition's share of a position's pending work, for Directory (<c>GET /api/org/positions/{id}/pending</c>).</summary>
public static class PendingEndpoints
{
    /// <summary>Maps <c>/internal/positions/{id}/pending</c>: service-to-service, never routed by the gateway, needs the internal key.</summary>
    public static void MapPendingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/internal/positions/{id:guid}/pending", async Task<Ok<PendingWorkPart>> (Guid id, PendingDispositions pending, CancellationToken ct) =>
            TypedResults.Ok(await pending.OfAsync(id, ct))).RequireInternalKey();
}
