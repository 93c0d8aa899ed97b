using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EOffice.Disposition.Dispositions;

/// <summary>The dispositions API.</summary>
public static class DispositionEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapDispositionEndpoints(this IEndpointRouteBuilder app, DispositionSettings settings)
    {
        var ofLetter = app.MapGroup("/api/letters/{letterId:guid}/dispositions").WithTags("Dispositions").WithProblems();
        ofLetter.MapPost("", async (Guid letterId, DisposeRequest r, HttpContext http, DispositionStore store, DispositionReads reads,
            CancellationToken ct) =>
        {
            var ids = await store.DisposeAsync(letterId, r, http.Caller(), ct);
            var views = await reads.ViewsAsync(ids, ct);
            return TypedResults.Created($"/api/dispositions/{ids[0]}", new Page<DispositionView>(views, null));
        }).WithSummary("Dispose a letter to one or more positions");
        ofLetter.MapGet("", async (Guid letterId, HttpContext http, DispositionReads reads, CancellationToken ct) =>
            TypedResults.Ok(new Page<DispositionView>(await reads.TreeAsync(letterId, http.Caller(), ct), null)))
            .WithSummary("Get a letter's disposition tree as the caller may see it");

        var group = app.MapGroup("/api/dispositions").WithTags("Dispositions").WithProblems();
        group.MapGet("", async (string? box, string? status, bool? overdue, Guid? letterId, int? limit, string? after, HttpContext http,
            DispositionReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.ListAsync(box ?? "inbox", status, overdue, letterId, http.Caller(), limit, after, ct)))
            .WithSummary("List the caller's dispositions (inbox or sent)");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, DispositionReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.GetAsync(id, http.Caller(), ct)))
            .WithSummary("Get a disposition (marks it read for its recipient)");
        group.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, DispositionReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.GetAsync(id, http.Caller(), ct)))
            .WithSummary("Mark a disposition read");
        group.MapPost("/{id:guid}/forward", async (Guid id, DisposeRequest r, HttpContext http, DispositionStore store, DispositionReads reads, CancellationToken ct) =>
        {
            var ids = await store.ForwardAsync(id, r, http.Caller(), ct);
            return TypedResults.Created($"/api/dispositions/{ids[0]}", new Page<DispositionView>(await reads.ViewsAsync(ids, ct), null));
        }).WithSummary("Forward a disposition further down the chain");
        // JSON { note, attachmentRef? }, or multipart/form-data with a field "note" and files (any field name, usually "files").
        group.MapPost("/{id:guid}/follow-ups", async (Guid id, HttpContext http, FollowUpStore followUps, DispositionReads reads, DispositionSettings settings,
            CancellationToken ct) =>
        {
            var (r, files) = await FollowUpFiles.ReadAsync(http.Request, settings, ct);
            await followUps.FollowUpAsync(id, r, http.Caller(), ct, files);
            return TypedResults.Created($"/api/dispositions/{id}", (await reads.ViewsAsync([id], ct))[0]);
        })
            .WithSummary("Report a follow-up (tindak lanjut), with files if any")
            .DisableAntiforgery() // bearer tokens, no cookies: no cross-site form posts to defend against
            .WithMetadata(new RequestSizeLimitAttribute(FollowUpFiles.RequestLimit(settings)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = FollowUpFiles.RequestLimit(settings) });
        group.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, FollowUpStore followUps, CancellationToken ct) =>
        {
            await followUps.DownloadAsync(id, fileId, http.Caller(), meta =>
            {
                http.Response.ContentType = meta.ContentType;
                http.Response.ContentLength = meta.Size;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = meta.FileName }.ToString();
                http.Response.Headers["X-Content-SHA256"] = meta.Sha256;
                return http.Response.Body;
            }, ct);
            return TypedResults.Empty;
        }).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").WithSummary("Download a follow-up's file");
        group.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, DispositionStore store, DispositionReads reads, CancellationToken ct) =>
        {
            await store.CompleteAsync(id, http.Caller(), ct);
            return TypedResults.Ok((await reads.ViewsAsync([id], ct))[0]);
        }).WithSummary("Complete a disposition");
        group.MapPost("/{id:guid}/cancel", async (Guid id, HttpContext http, DispositionStore store, DispositionReads reads, CancellationToken ct) =>
        {
            await store.CancelAsync(id, http.Caller(), ct);
            return TypedResults.Ok((await reads.ViewsAsync([id], ct))[0]);
        }).WithSummary("Cancel a disposition the caller gave");
    }
}
