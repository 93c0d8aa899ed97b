using EOffice.Correspondence.Incoming;
using EOffice.Correspondence.Mailbox;
using EOffice.Correspondence.Reviews;
using EOffice.Correspondence.Sending;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Letters;

/// <summary>The letters API: drafts, review, signing, sending, reading, the timeline and mailboxes.</summary>
public static class LetterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/letters").WithTags("Letters");

        letters.MapPost("", async (DraftRequest r, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            var a = await drafts.CreateAsync(r, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Created($"/api/letters/{a.Letter.Id}", LetterStore.View(a));
        });
        letters.MapGet("/{id:guid}", async (Guid id, HttpContext http, LetterStore store, CancellationToken ct) =>
        {
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(LetterStore.View(a));
        });
        letters.MapPut("/{id:guid}", async (Guid id, DraftRequest r, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            var a = await drafts.UpdateAsync(id, r, http.Request.Headers.IfMatch.ToString(), http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(LetterStore.View(a));
        });
        letters.MapDelete("/{id:guid}", async (Guid id, HttpContext http, Drafts drafts, CancellationToken ct) =>
        {
            await drafts.DiscardAsync(id, http.Caller(), ct);
            return TypedResults.NoContent();
        });
        letters.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, ReviewFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.SubmitAsync(id, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        });
        letters.MapPost("/{id:guid}/review", async (Guid id, ReviewRequest r, HttpContext http, ReviewFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.ReviewAsync(id, r, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        });
        letters.MapPost("/{id:guid}/sign", async (Guid id, SignRequest r, HttpContext http, SignFlow flow, CancellationToken ct) =>
            TypedResults.Ok(await flow.SignAsync(id, r, http.Caller(), http.ClientAddress(), ct)));
        letters.MapPost("/{id:guid}/send", async (Guid id, HttpContext http, SendFlow flow, LetterStore store, CancellationToken ct) =>
        {
            await flow.SendAsync(id, http.Caller(), ct);
            return await ViewAsync(id, http, store, ct);
        });
        letters.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, SendFlow flow, CancellationToken ct) =>
            TypedResults.Ok(new { readAt = await flow.ReadAsync(id, http.Caller(), ct) }));
        letters.MapGet("/{id:guid}/timeline", async (Guid id, HttpContext http, LetterStore store, Db db, CancellationToken ct) =>
        {
            _ = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Ok(new Page<TimelineEntry>(await LetterTimeline.OfLetterAsync(db, id, ct), null));
        });

        app.MapPost("/api/incoming-letters", async (IncomingRequest r, HttpContext http, IncomingLetters incoming, LetterStore store, CancellationToken ct) =>
        {
            var id = await incoming.RegisterAsync(r, http.Caller(), ct);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Created($"/api/letters/{id}", LetterStore.View(a));
        }).RequireAuthorization(p => p.RequireRole("secretariat")).WithTags("Incoming letters"); // admin alone is not secretariat

        // Filters are read as text and checked by MailboxFilter: an unknown value is a 400 naming its field.
        app.MapGet("/api/mailbox/{folder}", async (string folder, string? unread, string? q, string? type, string? security, string? urgency,
            string? status, string? from, string? to, int? limit, string? after, HttpContext http, Mailboxes mailbox, LetterTypes letterTypes, CancellationToken ct) =>
        {
            var known = await letterTypes.CodesAsync(ct);
            var filter = MailboxFilter.Parse(q, type, security, urgency, status, from, to, unread, known);
            return TypedResults.Ok(await mailbox.ListAsync(folder, http.Caller(), filter, limit, after, ct));
        }).WithTags("Mailbox");

        var types = app.MapGroup("/api/letter-types").WithTags("Document types");
        types.MapGet("", async (LetterTypes letterTypes, CancellationToken ct) => TypedResults.Ok(new Page<LetterTypeView>(await letterTypes.ListAsync(ct), null)));
        types.MapPost("", async (LetterTypeRequest r, HttpContext http, LetterTypes letterTypes, CancellationToken ct) =>
        {
            var created = await letterTypes.CreateAsync(r, http.Caller(), ct);
            return TypedResults.Created($"/api/letter-types/{Uri.EscapeDataString(created.Code)}", created);
        }).RequireAuthorization(Policies.Admin);
        types.MapPut("/{code}", async (string code, LetterTypeRequest r, HttpContext http, LetterTypes letterTypes, CancellationToken ct) =>
        {
            await letterTypes.UpdateAsync(code, r, http.Caller(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> ViewAsync(Guid id, HttpContext http, LetterStore store, CancellationToken ct)
    {
        var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
        http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
        return TypedResults.Ok(LetterStore.View(a));
    }
}
