using System.Data;
using System.Security.Cryptography;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace EOffice.Correspondence.Attachments;

/// <summary>Attachment settings (section <c>Correspondence:Attachments</c>).</summary>
public sealed class AttachmentSettings
{
    /// <summary>Largest file, in bytes (25 MB by default).</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
}

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

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, Db db, LetterStore letters, AttachmentSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!http.Request.HasFormContentType)
        {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", "Upload the file as multipart/form-data in a field named 'file'.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files["file"] ?? form.Files.FirstOrDefault()
            ?? throw ProblemException.Invalid("file", "Attach a file in the field 'file'.");
        if (file.Length > settings.MaxBytes)
        {
            throw new ProblemException(413, "too-large", "File too large", $"A file may be at most {settings.MaxBytes / (1024 * 1024)} MB.");
        }

        if (file.Length == 0)
        {
            throw ProblemException.Invalid("file", "The file is empty.");
        }

        var fileName = CheckedName(file.FileName);
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        var type = FileTypes.Detect(content)
            ?? throw new ProblemException(415, "unsupported-file-type", "Unsupported file type",
                "Only PDF, PNG, JPEG, DOCX, XLSX and ODT files are accepted (checked by their content).");
        if (!FileTypes.ExtensionAgrees(fileName, type))
        {
            throw new ProblemException(415, "extension-mismatch", "Unsupported file type",
                $"The file's content is {FileTypes.Describe(type)}, but its name '{fileName}' says another type; name it after its content.");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)));
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        Drafts.RequireDrafter(a.Letter, caller, viewer);
        LetterRules.RequireStatus(a.Letter.Status, "given attachments", a.Letter.Direction == LetterDirection.Incoming ? LetterStatus.Received : LetterStatus.Draft);
        var attachmentId = Guid.CreateVersion7();
        var uploadedAt = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            insert into attachments (id, letter_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
            values (@attachmentId, @id, @fileName, @type, @size, @sha256, @bytes, @userId, @uploadedAt)
            """,
            new { attachmentId, id, fileName, type, size = content.Length, sha256, bytes = content.ToArray(), userId = caller.UserId, uploadedAt });
        await uow.ExecuteAsync("update letters set version = version + 1, updated_at = now() where id = @id", new { id });
        await LetterTimeline.AppendAsync(uow, id, caller, viewer.Position, TimelineActions.AttachmentAdded, new { fileName, size = content.Length });
        await uow.CommitAsync();
        return TypedResults.Created($"/api/letters/{id}/attachments/{attachmentId}",
            new AttachmentView(attachmentId, fileName, type, content.Length, sha256, uploadedAt));
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

    // The name to store, or a problem in words: names that disguise themselves, or whose extension is not
    // one of the allowed types, are refused before the content is even read.
    private static string CheckedName(string name)
    {
        if (AttachmentNames.HasDisguisingCharacters(name))
        {
            throw new ProblemException(415, "unsupported-file-name", "Unsupported file name",
                "The file's name contains control or text-direction characters (such as U+202E, right-to-left override), "
                + "which can make a name look like another; rename the file without them.");
        }

        var clean = AttachmentNames.Clean(name);
        if (clean.Length == 0)
        {
            throw ProblemException.Invalid("file", "The file needs a name (with one of the extensions " + FileTypes.AllowedExtensions + ").");
        }

        if (!FileTypes.HasAllowedExtension(clean))
        {
            throw new ProblemException(415, "unsupported-file-type", "Unsupported file type",
                $"The file's name '{clean}' must end in one of {FileTypes.AllowedExtensions}, matching its content.");
        }

        return clean;
    }
}
