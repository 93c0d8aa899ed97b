using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>Transfers (mutasi): a position's pending work before, the move itself, and who held a position when.</summary>
public static class TransferEndpoints
{
    /// <summary>Maps the transfer endpoints under <c>/api/org</c>.</summary>
    public static void MapTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Org").WithProblems();

        org.MapPost("/users/{id:guid}/move", async (Guid id, MoveRequest r, HttpContext http, Transfers transfers, CancellationToken ct) =>
            TypedResults.Ok(await transfers.MoveAsync(id, r, http.Caller().UserId, ct)))
            .RequireAuthorization(Policies.Admin).WithSummary("Move a user to another position (mutasi)");

        org.MapGet("/positions/{id:guid}/pending", async (Guid id, PositionStore positions, PendingWork pending, CancellationToken ct) =>
        {
            if (!await positions.ExistsAsync(id, ct))
            {
                throw ProblemException.NotFound("position");
            }

            return TypedResults.Ok(await pending.OfAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("A position's pending letters and dispositions, before a transfer");

        org.MapGet("/positions/{id:guid}/holders", async (Guid id, Transfers transfers, CancellationToken ct) =>
            TypedResults.Ok(new Page<PositionHolderPeriod>(
                await transfers.HoldersAsync(id, ct) ?? throw ProblemException.NotFound("position"), null)))
            .WithSummary("Who held a position, and when");
    }
}
