using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Instructions;

/// <summary><c>/api/disposition-instructions</c>: read by everyone signed in, changed by admins.</summary>
public static class InstructionEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapInstructionEndpoints(this IEndpointRouteBuilder app)
    {
        var instructions = app.MapGroup("/api/disposition-instructions").WithTags("Instructions").WithProblems();
        instructions.MapGet("", async (InstructionStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<InstructionView>(await store.ListAsync(ct), null)))
            .WithSummary("List the disposition instructions (petunjuk)");
        instructions.MapPost("", async (InstructionRequest r, HttpContext http, InstructionStore store, CancellationToken ct) =>
        {
            var created = await store.CreateAsync(r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/disposition-instructions/{Uri.EscapeDataString(created.Code)}", created);
        }).RequireAuthorization(Policies.Admin).WithSummary("Add a disposition instruction");
        instructions.MapPut("/{code}", async (string code, InstructionRequest r, HttpContext http, InstructionStore store, CancellationToken ct) =>
        {
            await store.UpdateAsync(code, r, http.Caller().UserId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("Change a disposition instruction");
    }
}
