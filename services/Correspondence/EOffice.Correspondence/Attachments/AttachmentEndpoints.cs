using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Files;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EOffice.Correspondence.Attachments;

/// <summary>Uploading (multipart) and downloading (streamed) attachments (lampiran).</summary>
public static class AttachmentEndpoints
{
    /// <summary>Maps the attachment endpoints.</summary>
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app, AttachmentSettings settings)
    {
        var attachments = app.MapGroup("/api/letters/{id:guid}/attachments").WithTags("Attachments").WithProblems();
        attachments.MapPost("", UploadAsync)
            .WithProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Attach a file to a draft or a registered incoming letter (multipart, field 'file')")
            .DisableAntiforgery() // bearer tokens, no cookies: no cross-site form posts to defend against
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxBytes + (1024 * 1024)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = settings.MaxBytes + (1024 * 1024) });
        attachments.MapGet("/{attachmentId:guid}", DownloadAsync)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .WithProblems(StatusCodes.Status410Gone)
            .WithSummary("Download an attachment");
    }

    private static async Task<Created<AttachmentView>> UploadAsync(Guid id, HttpContext http, AttachmentUploads uploads, AttachmentSettings settings, CancellationToken ct)
    {
        var caller = http.Caller();
        var form = await UploadedFiles.FormAsync(http.Request, ct);
        var upload = form.Files["file"] ?? form.Files.FirstOrDefault()
            ?? throw ProblemException.Invalid("file", "Attach a file in the field 'file'.");
        var file = await UploadedFiles.CheckAsync(upload, settings.MaxBytes, ct);
        var added = await uploads.AddAsync(id, file, caller, ct);
        return TypedResults.Created($"/api/letters/{id}/attachments/{added.Id}", added);
    }

    private static async Task<EmptyHttpResult> DownloadAsync(Guid id, Guid attachmentId, HttpContext http, AttachmentContent content, CancellationToken ct)
    {
        await content.DownloadAsync(id, attachmentId, http.Caller(), meta =>
        {
            http.Response.ContentType = meta.ContentType;
            http.Response.ContentLength = meta.Size;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = meta.FileName }.ToString();
            http.Response.Headers["X-Content-SHA256"] = meta.Sha256;
            return http.Response.Body;
        }, ct);
        return TypedResults.Empty;
    }
}
