using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Correspondence.Documents;

/// <summary>The official letter document.</summary>
public static class DocumentEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/letters/{id}/document</c>: the signed PDF as stored at signing, or before signing a
    /// preview watermarked DRAF; to whoever may see the letter (404 otherwise).
    /// </summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/letters").WithTags("Letters").WithProblems()
            .MapGet("/{id:guid}/document", async Task<FileContentHttpResult> (Guid id, HttpContext http, LetterStore store, LetterDocuments documents, CancellationToken ct) =>
            {
                var (a, _) = await store.VisibleAsync(id, http.Caller(), ct);
                var pdf = await documents.DocumentAsync(a, ct);
                http.Response.Headers.ContentDisposition = $"inline; filename=\"{FileName(a.Letter)}\"";
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.Bytes(pdf, "application/pdf");
            })
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .WithSummary("The letter's official PDF: signed, or a DRAF preview before signing");

    private static string FileName(LetterRow l)
    {
        var name = l.Number is null ? $"{l.Type} (draf)" : $"{l.Type} {l.Number}";
        return new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()) + ".pdf";
    }
}
