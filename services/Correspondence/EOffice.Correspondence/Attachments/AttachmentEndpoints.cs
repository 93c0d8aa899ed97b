using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Files;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EOffice.Correspondence.Attachments;

/// <summary>Uploading (multipart) and downloading (streamed) attachments (lampiran).</summary>
public static class AttachmentEndpoints
{
    /// <summary>Maps the attachment endpoints.</summary>
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app, AttachmentSettings settings)
    {
        app.MapPost("/api/letters/{id:guid}/attachments", UploadAsync)
            .WithTags("Attachments")
            .DisableAntiforgery() // bearer tokens, no cookies: no cross-site form posts to defend against
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxBytes + (1024 * 1024)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = settings.MaxBytes + (1024 * 1024) });
        app.MapGet("/api/letters/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync).WithTags("Attachments");
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, AttachmentUploads uploads, AttachmentSettings settings, CancellationToken ct)
    {
        var caller = http.Caller();
        var form = await UploadedFiles.FormAsync(http.Request, ct);
        var upload = form.Files["file"] ?? form.Files.FirstOrDefault()
            ?? throw ProblemException.Invalid("file", "Attach a file in the field 'file'.");
        var file = await UploadedFiles.CheckAsync(upload, settings.MaxBytes, ct);
        var added = await uploads.AddAsync(id, file, caller, ct);
        return TypedResults.Created($"/api/letters/{id}/attachments/{added.Id}", added);
    }

    private static async Task DownloadAsync(Guid id, Guid attachmentId, HttpContext http, Db db, LetterStore letters, CancellationToken ct)
    {
        var (a, _) = await letters.VisibleAsync(id, http.Caller(), ct);
        if (a.Letter.PurgedAt is not null)
        {
            throw new ProblemException(StatusCodes.Status410Gone, "purged", "Gone", "The letter's files were destroyed with its records (an approved disposal).");
        }

        var meta = a.Attachments.FirstOrDefault(x => x.Id == attachmentId) ?? throw ProblemException.NotFound("attachment");

        var found = await AttachmentContent.CopyAsync(db, id, attachmentId, () =>
        {
            http.Response.ContentType = meta.ContentType;
            http.Response.ContentLength = meta.Size;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = meta.FileName }.ToString();
            http.Response.Headers["X-Content-SHA256"] = meta.Sha256;
        }, http.Response.Body, ct);
        if (!found)
        {
            throw ProblemException.NotFound("attachment");
        }
    }
}
