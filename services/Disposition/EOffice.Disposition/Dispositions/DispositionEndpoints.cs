using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EOffice.Disposition.Dispositions;

/// <summary>An instruction (petunjuk disposisi).</summary>
public sealed record InstructionView(string Code, string Text, bool Active, int SortOrder);

/// <summary>Create or change an instruction.</summary>
public sealed record InstructionRequest(string? Code, string? Text, bool? Active, int? SortOrder);

/// <summary>The dispositions API.</summary>
public static class DispositionEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapDispositionEndpoints(this IEndpointRouteBuilder app, DispositionSettings settings)
    {
        app.MapPost("/api/letters/{letterId:guid}/dispositions", async (Guid letterId, DisposeRequest r, HttpContext http, DispositionStore store, CancellationToken ct) =>
        {
            var ids = await store.DisposeAsync(letterId, r, http.Caller(), ct);
            var views = await store.ViewsAsync(ids, ct);
            return TypedResults.Created($"/api/dispositions/{ids[0]}", new Page<DispositionView>(views, null));
        }).WithTags("Dispositions");
        app.MapGet("/api/letters/{letterId:guid}/dispositions", async (Guid letterId, HttpContext http, DispositionStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DispositionView>(await store.TreeAsync(letterId, http.Caller(), ct), null))).WithTags("Dispositions");

        var group = app.MapGroup("/api/dispositions").WithTags("Dispositions");
        group.MapGet("", async (string? box, string? status, bool? overdue, Guid? letterId, int? limit, string? after, HttpContext http,
            DispositionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(box ?? "inbox", status, overdue, letterId, http.Caller(), limit, after, ct)));
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, DispositionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.GetAsync(id, http.Caller(), ct)));
        group.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, DispositionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.GetAsync(id, http.Caller(), ct)));
        group.MapPost("/{id:guid}/forward", async (Guid id, DisposeRequest r, HttpContext http, DispositionStore store, CancellationToken ct) =>
        {
            var ids = await store.ForwardAsync(id, r, http.Caller(), ct);
            return TypedResults.Created($"/api/dispositions/{ids[0]}", new Page<DispositionView>(await store.ViewsAsync(ids, ct), null));
        });
        // JSON { note, attachmentRef? }, or multipart/form-data with a field "note" and files (any field name, usually "files").
        group.MapPost("/{id:guid}/follow-ups", async (Guid id, HttpContext http, DispositionStore store, DispositionSettings settings, CancellationToken ct) =>
        {
            var (r, files) = await FollowUpFiles.ReadAsync(http.Request, settings, ct);
            await store.FollowUpAsync(id, r, http.Caller(), ct, files);
            return TypedResults.Created($"/api/dispositions/{id}", (await store.ViewsAsync([id], ct))[0]);
        })
            .DisableAntiforgery() // bearer tokens, no cookies: no cross-site form posts to defend against
            .WithMetadata(new RequestSizeLimitAttribute(FollowUpFiles.RequestLimit(settings)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = FollowUpFiles.RequestLimit(settings) });
        group.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, DispositionStore store, CancellationToken ct) =>
        {
            await store.DownloadAsync(id, fileId, http.Caller(), meta =>
            {
                http.Response.ContentType = meta.ContentType;
                http.Response.ContentLength = meta.Size;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = meta.FileName }.ToString();
                http.Response.Headers["X-Content-SHA256"] = meta.Sha256;
                return http.Response.Body;
            }, ct);
            return Results.Empty;
        });
        group.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, DispositionStore store, CancellationToken ct) =>
        {
            await store.CompleteAsync(id, http.Caller(), ct);
            return TypedResults.Ok((await store.ViewsAsync([id], ct))[0]);
        });
        group.MapPost("/{id:guid}/cancel", async (Guid id, HttpContext http, DispositionStore store, CancellationToken ct) =>
        {
            await store.CancelAsync(id, http.Caller(), ct);
            return TypedResults.Ok((await store.ViewsAsync([id], ct))[0]);
        });

        var instructions = app.MapGroup("/api/disposition-instructions").WithTags("Instructions");
        instructions.MapGet("", async (Db db, CancellationToken ct) => TypedResults.Ok(new Page<InstructionView>(await db.QueryAsync<InstructionView>(
            "select code as Code, text as Text, active as Active, sort_order as SortOrder from instructions order by sort_order, code", ct: ct), null)));
        instructions.MapPost("", async (InstructionRequest r, HttpContext http, Db db, CancellationToken ct) =>
        {
            new FieldErrors().Required("code", r.Code, 100).Required("text", r.Text, 300).ThrowIfAny();
            await using var uow = await db.BeginAsync(ct);
            await uow.ExecuteAsync("insert into instructions (code, text, active, sort_order) values (@Code, @Text, coalesce(@Active, true), coalesce(@SortOrder, 100))", r);
            await uow.AuditAsync(http.Caller().UserId, "instruction-created", "instruction", null, r);
            await uow.CommitAsync();
            return TypedResults.Created($"/api/disposition-instructions/{Uri.EscapeDataString(r.Code!)}", new InstructionView(r.Code!, r.Text!, r.Active ?? true, r.SortOrder ?? 100));
        }).RequireAuthorization(Policies.Admin);
        instructions.MapPut("/{code}", async (string code, InstructionRequest r, HttpContext http, Db db, CancellationToken ct) =>
        {
            new FieldErrors().Required("text", r.Text, 300).ThrowIfAny();
            await using var uow = await db.BeginAsync(ct);
            if (await uow.ExecuteAsync("update instructions set text = @Text, active = coalesce(@Active, active), sort_order = coalesce(@SortOrder, sort_order) where code = @code",
                new { code, r.Text, r.Active, r.SortOrder }) == 0)
            {
                throw ProblemException.NotFound("instruction");
            }

            await uow.AuditAsync(http.Caller().UserId, "instruction-updated", "instruction", null, new { code, r.Text, r.Active });
            await uow.CommitAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin);
    }
}
