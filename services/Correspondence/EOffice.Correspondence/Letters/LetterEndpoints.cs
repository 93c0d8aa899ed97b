using EOffice.Correspondence.Incoming;
using EOffice.Correspondence.LetterTypes;
using EOffice.Correspondence.Mailbox;
using EOffice.Correspondence.Reviews;
using EOffice.Correspondence.Sending;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Correspondence.Letters;

/// <summary>When the caller read a letter (the first time).</summary>
public sealed record ReadReceipt(DateTimeOffset ReadAt);

/// <summary>The letters API: drafts, review, signing, sending, reading, the timeline and mailboxes.</summary>
public static class LetterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/letters").WithTags("Letters").WithProblems();

        letters.MapPost("", async (DraftRequest r, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            var a = await drafts.CreateAsync(r, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Created($"/api/letters/{a.Letter.Id}", LetterStore.View(a));
        }).WithSummary("Create a draft letter");
        letters.MapGet("/{id:guid}", async (Guid id, HttpContext http, LetterStore store, CancellationToken ct) =>
        {
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(LetterStore.View(a));
        }).WithSummary("Get a letter (with its ETag)");
        letters.MapPut("/{id:guid}", async (Guid id, DraftRequest r, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            var a = await drafts.UpdateAsync(id, r, http.Request.Headers.IfMatch.ToString(), http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(LetterStore.View(a));
        }).WithProblems(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)
            .WithSummary("Edit a draft (If-Match: its ETag)");
        letters.MapDelete("/{id:guid}", async (Guid id, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            await drafts.DiscardAsync(id, http.Caller(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Discard a draft");
        letters.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, ReviewFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.SubmitAsync(id, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        }).WithSummary("Submit a draft for review (or for signing when it has no reviewers)");
        letters.MapPost("/{id:guid}/review", async (Guid id, ReviewRequest r, HttpContext http, ReviewFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.ReviewAsync(id, r, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        }).WithSummary("Approve a letter under review or return it with notes");
        letters.MapPost("/{id:guid}/sign", async (Guid id, SignRequest r, HttpContext http, SignFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.SignAsync(id, r, http.Caller(), http.ClientAddress(), ct)))
            .WithProblems(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Sign a letter: it gets its number and its signed document");
        letters.MapPost("/{id:guid}/send", async (Guid id, HttpContext http, SendFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.SendAsync(id, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        }).WithSummary("Send a signed letter to its addressees");
        letters.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, SendFlow flow, CancellationToken ct) =>
            TypedResults.Ok(new ReadReceipt(await flow.ReadAsync(id, http.Caller(), ct))))
            .WithSummary("Mark a received letter read");
        letters.MapGet("/{id:guid}/timeline", async (Guid id, HttpContext http, LetterStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<TimelineEntry>(await store.TimelineAsync(id, http.Caller(), ct), null)))
            .WithSummary("A letter's timeline, oldest first");

        var incoming = app.MapGroup("/api/incoming-letters").WithTags("Incoming letters").WithProblems();
        incoming.MapPost("", async (IncomingRequest r, HttpContext http, IncomingLetters incoming, LetterStore store, CancellationToken ct) =>
        {
            var id = await incoming.RegisterAsync(r, http.Caller(), ct);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Created($"/api/letters/{id}", LetterStore.View(a));
        }).RequireAuthorization(p => p.RequireRole("secretariat")) // admin alone is not secretariat
            .WithSummary("Register a letter received on paper or from outside (secretariat)");

        // Filters are read as text and checked by MailboxFilter: an unknown value is a 400 naming its field.
        var mailboxes = app.MapGroup("/api/mailbox").WithTags("Mailbox").WithProblems();
        mailboxes.MapGet("/{folder}", async (string folder, string? unread, string? q, string? type, string? security, string? urgency,
            string? status, string? from, string? to, int? limit, string? after, HttpContext http, Mailboxes mailbox, LetterTypeStore letterTypes, CancellationToken ct) =>
        {
            var known = await letterTypes.CodesAsync(ct);
            var filter = MailboxFilter.Parse(q, type, security, urgency, status, from, to, unread, known);
            return TypedResults.Ok(await mailbox.ListAsync(folder, http.Caller(), filter, limit, after, ct));
        }).WithSummary("List a mailbox folder (inbox, drafts, review, sign, sent, ...), filtered");
    }

    private static async Task<Ok<LetterView>> ViewAsync(Guid id, HttpContext http, LetterStore store, CancellationToken ct)
    {
        var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
        http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
        return TypedResults.Ok(LetterStore.View(a));
    }
}
