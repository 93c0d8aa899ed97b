using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Recall;

/// <summary>Maps <c>POST /api/letters/{id}/recall</c>.</summary>
public static class RecallEndpoints
{
    /// <summary>Maps the endpoint; it answers with the letter as the signer now sees it.</summary>
    public static void MapRecallEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/letters/{id:guid}/recall", async (Guid id, RecallRequest r, HttpContext http, RecallFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.RecallAsync(id, r, http.Caller(), ct);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(await store.ViewAsync(a, ct));
        }).WithTags("Letters").WithProblems().WithSummary("Recall (withdraw) a sent letter, with a reason (its signer)");
}
