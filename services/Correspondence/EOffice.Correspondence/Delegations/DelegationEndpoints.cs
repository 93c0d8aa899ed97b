using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Delegations;

/// <summary>The delegations API: admins record who may sign for whom (a.n./u.b.); signers list their own.</summary>
public static class DelegationEndpoints
{
    /// <summary>Maps <c>/api/delegations</c>.</summary>
    public static void MapDelegationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delegations").WithTags("Delegations").WithProblems();
        group.MapGet("", async (Guid? positionId, DelegationStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DelegationView>(await store.ListAsync(positionId, ct), null))).RequireAuthorization(Policies.Admin)
            .WithSummary("List delegations (admin)");
        group.MapPost("", async (DelegationRequest r, HttpContext http, DelegationStore store, CancellationToken ct) =>
        {
            var d = await store.CreateAsync(r, http.Caller(), ct);
            return TypedResults.Created($"/api/delegations/{d.Id}", d);
        }).RequireAuthorization(Policies.Admin).WithSummary("Record who may sign on behalf of whom (a.n./u.b.)");
        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, DelegationStore store, CancellationToken ct) =>
        {
            await store.DeleteAsync(id, http.Caller(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("End a delegation");
        // Any signed-in user: the delegations their positions hold, for the compose form's "Atas nama".
        group.MapGet("/mine", async (HttpContext http, DelegationStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DelegationView>(await store.MineAsync(http.Caller(), ct), null)))
            .WithSummary("The delegations the caller's positions hold");
        // Any signed-in user: the delegations their positions granted (who signs a.n./u.b. for them), for the "Delegasi" screen.
        group.MapGet("/granted", async (HttpContext http, DelegationStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DelegationView>(await store.GrantedAsync(http.Caller(), ct), null)))
            .WithSummary("The delegations the caller's positions granted");
        // Any signed-in user: the delegations a signer holds (a drafter chooses "Atas nama" once the signer is chosen).
        group.MapGet("/to/{positionId:guid}", async (Guid positionId, DelegationStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DelegationView>(await store.HeldByAsync([positionId], ct), null)))
            .WithSummary("The delegations a signer's position holds");
    }
}
