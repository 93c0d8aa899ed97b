using System.Text.Json;
using EOffice.ServiceDefaults.Files;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>
/// Reads a follow-up request: JSON <c>{ note, attachmentRef? }</c>, or multipart with <c>note</c> (and optionally <c>attachmentRef</c>) fields and up to
/// <see cref="DispositionSettings.MaxFilesPerFollowUp"/> files, each checked by the shared upload rules (<see cref="UploadedFiles"/>).
/// </summary>
public static class FollowUpFiles
{
    /// <summary>The largest request body: every file at its largest, plus room for the note and the multipart framing.</summary>
    public static long RequestLimit(DispositionSettings settings) => (settings.MaxFileBytes * settings.MaxFilesPerFollowUp) + (1024 * 1024);

    /// <summary>The request and its checked files (none for JSON).</summary>
    public static async Task<(FollowUpRequest Request, IReadOnlyList<CheckedFile> Files)> ReadAsync(HttpRequest request, DispositionSettings settings, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            FollowUpRequest? r;
            try
            {
                r = await request.ReadFromJsonAsync<FollowUpRequest>(ct);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw ProblemException.Invalid("note", "Send JSON { note, attachmentRef } or multipart/form-data with a field 'note' and files.");
            }

            return (r ?? new FollowUpRequest(null, null), []);
        }

        var form = await UploadedFiles.FormAsync(request, ct);
        if (form.Files.Count > settings.MaxFilesPerFollowUp)
        {
            throw ProblemException.Invalid("files", $"At most {settings.MaxFilesPerFollowUp} files per follow-up.");
        }

        // The note is checked before any file is read: a bad note changes nothing and costs no upload work.
        var note = form["note"].ToString();
        var attachmentRef = form["attachmentRef"].ToString() is { Length: > 0 } a ? a : null;
        new FieldErrors().Required("note", note, 4000).Check(attachmentRef is null || attachmentRef.Length <= 500, "attachmentRef", "At most 500 characters.").ThrowIfAny();
        var files = new List<CheckedFile>();
        foreach (var file in form.Files)
        {
            files.Add(await UploadedFiles.CheckAsync(file, settings.MaxFileBytes, ct, "files"));
        }

        return (new FollowUpRequest(note, attachmentRef), files);
    }
}
