using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>The official letter document.</summary>
public static class DocumentEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/letters/{id}/document</c>: the signed PDF as stored at signing, or before signing a
    /// preview watermarked DRAF; to whoever may see the letter (404 otherwise).
    /// </summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/letters/{id:guid}/document", async (Guid id, HttpContext http, LetterStore store, LetterDocuments documents, Db db, CancellationToken ct) =>
        {
            var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
            var l = a.Letter;
            if (l.Direction != "Outgoing")
            {
                throw new ProblemException(StatusCodes.Status404NotFound, "no-document", "Not found",
                    "A letter registered from outside has no document rendered here; see its attachments.");
            }

            var pdf = l.Number is null
                ? await documents.PreviewAsync(a, ct)
                : await LetterDocuments.StoredAsync(db, id, ct) ?? throw new ProblemException(StatusCodes.Status404NotFound, "no-document", "Not found",
                    l.PurgedAt is not null ? "The letter's records were destroyed under an approved disposal (berita acara)." : "This letter was signed before documents were stored.");
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{FileName(l)}\"";
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Bytes(pdf, "application/pdf");
        }).WithTags("Letters");

    private static string FileName(LetterRow l)
    {
        var name = l.Number is null ? $"{l.Type} (draf)" : $"{l.Type} {l.Number}";
        return new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()) + ".pdf";
    }
}
