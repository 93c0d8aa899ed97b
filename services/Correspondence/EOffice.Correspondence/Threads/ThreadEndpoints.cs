using EOffice.Correspondence.Forwarding;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Threads;

/// <summary>Threads and forwarding: <c>GET /api/letters/{id}/thread</c> and <c>POST /api/letters/{id}/forward</c>.</summary>
public static class ThreadEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapThreadEndpoints(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/letters").WithTags("Letters").WithProblems();
        letters.MapGet("/{id:guid}/thread", async (Guid id, HttpContext http, LetterThreads threads, CancellationToken ct) =>
            TypedResults.Ok(new Page<ThreadItem>(await threads.ThreadAsync(id, http.Caller(), ct), null)))
            .WithSummary("The letters of a letter's thread (replies and forwards) the caller may see");
        letters.MapPost("/{id:guid}/forward", async (Guid id, ForwardRequest r, HttpContext http, Forwards forwards, CancellationToken ct) =>
            TypedResults.Created($"/api/letters/{id}/thread", await forwards.ForwardAsync(id, r, http.Caller(), ct)))
            .WithSummary("Forward a received letter to other positions");
    }
}
