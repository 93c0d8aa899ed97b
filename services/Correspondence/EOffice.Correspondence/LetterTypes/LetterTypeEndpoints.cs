using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.LetterTypes;

/// <summary><c>/api/letter-types</c>: the document types, a reference list (read by everyone signed in, kept by admins).</summary>
public static class LetterTypeEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapLetterTypeEndpoints(this IEndpointRouteBuilder app) =>
        app.MapReferenceList<LetterTypeStore, LetterTypeView, LetterTypeRequest>(
            "/api/letter-types", "Document types", "a letter type", "letter types (jenis naskah dinas)");
}
