using System.Security.Cryptography;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace EOffice.ServiceDefaults.Files;

/// <summary>An uploaded file that passed the checks: its clean name, detected type, content and SHA-256 (hex).</summary>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Content, string Sha256)
{
    /// <summary>Its size in bytes.</summary>
    public long Size => Content.Length;
}

/// <summary>
/// The one way an uploaded file (lampiran) is accepted, shared by every service that takes files:
/// multipart only, not empty, at most the configured size, a name without disguising characters and
/// with an allowed extension, content of an allowed type (<see cref="FileTypes"/>) agreeing with the name.
/// </summary>
public static class UploadedFiles
{
    /// <summary>The form of a multipart request, or 415 when the request is not one.</summary>
    public static async Task<IFormCollection> FormAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", "Upload the file as multipart/form-data in a field named 'file'.");
        }

        return await request.ReadFormAsync(ct);
    }

    /// <summary>Checks one uploaded file and reads it; a problem in words otherwise (400 naming <paramref name="field"/>, 413 or 415).</summary>
    public static async Task<CheckedFile> CheckAsync(IFormFile file, long maxBytes, CancellationToken ct, string field = "file")
    {
        if (file.Length > maxBytes)
        {
            throw new ProblemException(413, "too-large", "File too large", $"A file may be at most {maxBytes / (1024 * 1024)} MB.");
        }

        if (file.Length == 0)
        {
            throw ProblemException.Invalid(field, "The file is empty.");
        }

        var fileName = CheckedName(file.FileName, field);
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
        return new CheckedFile(fileName, type, content.ToArray(), sha256);
    }

    // The name to store, or a problem in words: names that disguise themselves, or whose extension is not
    // one of the allowed types, are refused before the content is even read.
    private static string CheckedName(string name, string field)
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
            throw ProblemException.Invalid(field, "The file needs a name (with one of the extensions " + FileTypes.AllowedExtensions + ").");
        }

        if (!FileTypes.HasAllowedExtension(clean))
        {
            throw new ProblemException(415, "unsupported-file-type", "Unsupported file type",
                $"The file's name '{clean}' must end in one of {FileTypes.AllowedExtensions}, matching its content.");
        }

        return clean;
    }
}
