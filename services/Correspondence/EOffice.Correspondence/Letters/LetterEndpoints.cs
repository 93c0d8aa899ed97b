using EOffice.Correspondence.Incoming;
using EOffice.Correspondence.Mailbox;
using EOffice.Correspondence.Numbering;
using EOffice.Correspondence.Reviews;
using EOffice.Correspondence.Sending;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Correspondence.Letters;

/// <summary>A document type; <c>numberingScope</c> is its register this year (<c>unit</c> or <c>agency</c>), <c>nextNumberingScope</c> a change from a later year.</summary>
public sealed record LetterTypeView(string Code, string Name, bool Active, int SortOrder, string NumberingScope = NumberingScopes.Unit,
    ScopeChange? NextNumberingScope = null);

/// <summary>Create or change a document type (<c>numberingScope</c>: <c>unit</c> or <c>agency</c>; a change applies from next year).</summary>
public sealed record LetterTypeRequest(string? Code, string? Name, bool? Active, int? SortOrder, string? NumberingScope = null);

/// <summary>The letters API: drafts, review, signing, sending, reading, the timeline and mailboxes.</summary>
public static class LetterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/letters").WithTags("Letters");

        letters.MapPost("", async (DraftRequest r, HttpContext http, Drafts drafts, LetterStore store, CancellationToken ct) =>
        {
            var (id, version) = await drafts.CreateAsync(r, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(version);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Created($"/api/letters/{id}", await store.ViewAsync(a, ct));
        });
        letters.MapGet("/{id:guid}", async (Guid id, HttpContext http, LetterStore store, CancellationToken ct) =>
        {
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
            return TypedResults.Ok(await store.ViewAsync(a, ct));
        });
        letters.MapPut("/{id:guid}", async (Guid id, DraftRequest r, HttpContext http, Drafts drafts, LetterStore store, CancellationToken ct) =>
        {
            var version = await drafts.UpdateAsync(id, r, http.Request.Headers.IfMatch.ToString(), http.Caller(), ct);
            http.Response.Headers.ETag = LetterRules.ETag(version);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Ok(await store.ViewAsync(a, ct));
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
            var rows = await db.QueryAsync<TimelineRow>(
                "select at, actor_user_id, actor_name, actor_position_id, actor_title, action, detail::text as detail from timeline where letter_id = @id order by at, id",
                new { id }, ct);
            return TypedResults.Ok(new Page<TimelineEntry>(rows.Select(r => new TimelineEntry(r.At,
                r.ActorUserId is null && r.ActorPositionId is null ? null : new TimelineActor(r.ActorUserId, r.ActorName, r.ActorPositionId, r.ActorTitle),
                r.Action, r.Detail is null ? null : System.Text.Json.JsonDocument.Parse(r.Detail).RootElement)).ToList(), null));
        });

        app.MapPost("/api/incoming-letters", async (IncomingRequest r, HttpContext http, IncomingLetters incoming, LetterStore store, CancellationToken ct) =>
        {
            var id = await incoming.RegisterAsync(r, http.Caller(), ct);
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            return TypedResults.Created($"/api/letters/{id}", await store.ViewAsync(a, ct));
        }).RequireAuthorization(p => p.RequireRole("secretariat")).WithTags("Incoming letters"); // admin alone is not secretariat

        // Filters are read as text and checked by MailboxFilter: an unknown value is a 400 naming its field.
        app.MapGet("/api/mailbox/{folder}", async (string folder, string? unread, string? q, string? type, string? security, string? urgency,
            string? status, string? from, string? to, int? limit, string? after, HttpContext http, Mailbox.Mailbox mailbox, Db db, CancellationToken ct) =>
        {
            var known = (await db.QueryAsync<string>("select code from letter_types", ct: ct)).ToHashSet(StringComparer.Ordinal);
            var filter = MailboxFilter.Parse(q, type, security, urgency, status, from, to, unread, known);
            return TypedResults.Ok(await mailbox.ListAsync(folder, http.Caller(), filter, limit, after, ct));
        }).WithTags("Mailbox");

        var types = app.MapGroup("/api/letter-types").WithTags("Document types");
        types.MapGet("", async (Db db, CityClock city, CancellationToken ct) =>
        {
            var scopes = await TypeRegisters.AllAsync(db, city.Today.Year, ct);
            var rows = await db.QueryAsync<(string Code, string Name, bool Active, int SortOrder)>(
                "select code, name, active, sort_order from letter_types order by sort_order, code", ct: ct);
            return TypedResults.Ok(new Page<LetterTypeView>(rows.Select(t => scopes.TryGetValue(t.Code, out var n)
                ? new LetterTypeView(t.Code, t.Name, t.Active, t.SortOrder, n.Scope, n.Next)
                : new LetterTypeView(t.Code, t.Name, t.Active, t.SortOrder)).ToList(), null));
        });
        types.MapPost("", async (LetterTypeRequest r, HttpContext http, Db db, CityClock city, CancellationToken ct) =>
        {
            new FieldErrors().Required("code", r.Code, 100).Required("name", r.Name, 200).Check(r.NumberingScope is null || NumberingScopes.All.Contains(r.NumberingScope),
                "numberingScope", "Use unit or agency.").ThrowIfAny();
            await using var uow = await db.BeginAsync(ct);
            await uow.ExecuteAsync("insert into letter_types (code, name, active, sort_order) values (@Code, @Name, coalesce(@Active, true), coalesce(@SortOrder, 100))", r);
            var numbering = r.NumberingScope is { } scope
                ? await TypeRegisters.SetAsync(uow, r.Code!, scope, newType: true, city.Today.Year, http.Caller().UserId)
                : new TypeNumbering(NumberingScopes.Unit, null);
            await uow.AuditAsync(http.Caller().UserId, "letter-type-created", "letter-type", null, r);
            await uow.CommitAsync();
            return TypedResults.Created($"/api/letter-types/{Uri.EscapeDataString(r.Code!)}",
                new LetterTypeView(r.Code!, r.Name!, r.Active ?? true, r.SortOrder ?? 100, numbering.Scope, numbering.Next));
        }).RequireAuthorization(Policies.Admin);
        types.MapPut("/{code}", async (string code, LetterTypeRequest r, HttpContext http, Db db, CityClock city, CancellationToken ct) =>
        {
            new FieldErrors().Required("name", r.Name, 200).Check(r.NumberingScope is null || NumberingScopes.All.Contains(r.NumberingScope),
                "numberingScope", "Use unit or agency.").ThrowIfAny();
            await using var uow = await db.BeginAsync(ct);
            var changed = await uow.ExecuteAsync(
                "update letter_types set name = @Name, active = coalesce(@Active, active), sort_order = coalesce(@SortOrder, sort_order) where code = @code",
                new { code, r.Name, r.Active, r.SortOrder });
            if (changed == 0)
            {
                throw ProblemException.NotFound("document type");
            }

            if (r.NumberingScope is { } scope)
            {
                // Never mid-year: this year's register keeps counting; the new scope starts with next year's.
                await TypeRegisters.SetAsync(uow, code, scope, newType: false, city.Today.Year, http.Caller().UserId);
            }

            await uow.AuditAsync(http.Caller().UserId, "letter-type-updated", "letter-type", null, new { code, r.Name, r.Active, r.NumberingScope });
            await uow.CommitAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> ViewAsync(Guid id, HttpContext http, LetterStore store, CancellationToken ct)
    {
        var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
        http.Response.Headers.ETag = LetterRules.ETag(a.Letter.Version);
        return TypedResults.Ok(await store.ViewAsync(a, ct));
    }

    private sealed class TimelineRow
    {
        public DateTimeOffset At { get; init; }
        public Guid? ActorUserId { get; init; }
        public string? ActorName { get; init; }
        public Guid? ActorPositionId { get; init; }
        public string? ActorTitle { get; init; }
        public string Action { get; init; } = "";
        public string? Detail { get; init; }
    }
}
