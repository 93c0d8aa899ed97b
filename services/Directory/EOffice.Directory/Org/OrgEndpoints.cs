using EOffice.Contracts;
using EOffice.Directory.Auth;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Directory.Org;

/// <summary>The org chart: read by everyone signed in, changed by admins.</summary>
public static class OrgEndpoints
{
    /// <summary>Maps <c>/api/org</c>.</summary>
    public static void MapOrgEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Org").WithProblems();

        org.MapGet("/units", async (UnitStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.UnitTreeAsync(ct))).WithSummary("The units as a tree");
        org.MapPost("/units", async Task<Created<UnitNode>> (UnitRequest r, HttpContext http, UnitStore store, CancellationToken ct) =>
        {
            var id = await store.CreateUnitAsync(r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/org/units/{id}", new UnitNode(id, r.Code!, r.Name!.Trim(), r.ParentId, r.Active ?? true, []));
        }).RequireAuthorization(Policies.Admin).WithSummary("Create a unit");
        org.MapPut("/units/{id:guid}", async (Guid id, UnitRequest r, HttpContext http, UnitStore store, CancellationToken ct) =>
        {
            await store.UpdateUnitAsync(id, r, http.Caller().UserId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("Change a unit");

        org.MapGet("/positions", async (Guid? unitId, string? q, int? limit, string? after, PositionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.PositionsAsync(unitId, q, limit, after, ct))).WithSummary("List or search positions");
        org.MapGet("/positions/{id:guid}", async (Guid id, PositionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.PositionAsync(id, ct) ?? throw ProblemException.NotFound("position"))).WithSummary("Get a position");
        org.MapGet("/positions/{id:guid}/subordinates", async (Guid id, PositionStore store, CancellationToken ct) =>
        {
            _ = await store.PositionAsync(id, ct) ?? throw ProblemException.NotFound("position");
            return TypedResults.Ok(new Page<PositionView>(await store.SubordinatesAsync(id, ct), null));
        }).WithSummary("List a position's direct subordinates");
        org.MapPost("/positions", async (PositionRequest r, HttpContext http, PositionStore store, CancellationToken ct) =>
        {
            var id = await store.CreatePositionAsync(r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/org/positions/{id}", await store.PositionAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Create a position");
        org.MapPut("/positions/{id:guid}", async (Guid id, PositionRequest r, HttpContext http, PositionStore store, CancellationToken ct) =>
        {
            await store.UpdatePositionAsync(id, r, http.Caller().UserId, ct);
            return TypedResults.Ok(await store.PositionAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Change a position");
        org.MapPut("/positions/{id:guid}/holder", async (Guid id, HolderRequest r, HttpContext http, HolderStore holders, PositionStore store, CancellationToken ct) =>
        {
            await holders.SetHolderAsync(id, r.UserId, http.Caller().UserId, ct);
            return TypedResults.Ok(await store.PositionAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Set or clear a position's holder");
        org.MapPost("/positions/{id:guid}/acting", async (Guid id, ActingRequest r, HttpContext http, ActingStore acting, PositionStore store, CancellationToken ct) =>
        {
            var actingId = await acting.AddActingAsync(id, r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/org/positions/{id}/acting/{actingId}", await store.PositionAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Appoint an acting holder (Plt/Plh) of a position");
        org.MapDelete("/positions/{id:guid}/acting/{actingId:guid}", async (Guid id, Guid actingId, HttpContext http, ActingStore acting, PositionStore store, CancellationToken ct) =>
        {
            await acting.RemoveActingAsync(id, actingId, http.Caller().UserId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("End an acting appointment");

        // A NIK is personal data: only admins and the user themself see it.
        org.MapGet("/users", async (string? q, Guid? unitId, int? limit, string? after, HttpContext http, UserStore store, CancellationToken ct) =>
        {
            var page = await store.UsersAsync(q, unitId, limit, after, ct);
            return TypedResults.Ok(page with { Items = page.Items.Select(u => ForViewer(u, http.Caller())).ToList() });
        }).WithSummary("List or search users");
        org.MapGet("/users/{id:guid}", async (Guid id, HttpContext http, UserStore store, CancellationToken ct) =>
            TypedResults.Ok(ForViewer(await store.UserAsync(id, ct) ?? throw ProblemException.NotFound("user"), http.Caller())))
            .WithSummary("Get a user");
        org.MapPost("/users", async (UserRequest r, HttpContext http, UserStore store, CancellationToken ct) =>
        {
            var id = await store.CreateUserAsync(r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/org/users/{id}", await store.UserAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Create a user");
        org.MapPut("/users/{id:guid}", async (Guid id, UserRequest r, HttpContext http, UserStore store, CancellationToken ct) =>
        {
            await store.UpdateUserAsync(id, r, http.Caller().UserId, ct);
            return TypedResults.Ok(await store.UserAsync(id, ct));
        }).RequireAuthorization(Policies.Admin).WithSummary("Change a user");

        org.MapPost("/users/{id:guid}/unlock", async (Guid id, HttpContext http, UserAccounts accounts, CancellationToken ct) =>
        {
            if (!await accounts.UnlockAsync(id, http.Caller().UserId, ct))
            {
                throw ProblemException.NotFound("user");
            }

            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("Unlock a user locked out by failed sign-ins");

        // Service-to-service: never routed by the gateway; needs the shared internal key.
        app.MapGet("/internal/org/snapshot", async Task<Ok<OrgSnapshot>> (OrgEvents store, CancellationToken ct) =>
            TypedResults.Ok(await store.SnapshotAsync(ct))).RequireInternalKey();
    }

    private static UserView ForViewer(UserView user, Caller viewer) => OrgRules.MaySeeNik(viewer, user.Id) ? user : user with { Nik = null };
}
