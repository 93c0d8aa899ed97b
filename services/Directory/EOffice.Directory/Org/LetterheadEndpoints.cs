using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Directory.Org;

/// <summary>The kop surat of an agency.</summary>
public sealed record LetterheadView(IReadOnlyList<string> Lines, string Address, string? Phone, string? Email, string? Website, bool HasLogo);

/// <summary>A kop surat as written by an admin.</summary>
public sealed record LetterheadRequest(IReadOnlyList<string>? Lines, string? Address, string? Phone, string? Email, string? Website);

/// <summary>A kop surat with its logo, for the services that print letters.</summary>
public sealed record LetterheadInternal(IReadOnlyList<string> Lines, string Address, string? Phone, string? Email, string? Website, byte[]? Logo);

/// <summary>Letterheads (kop surat) and logos of agencies: read by anyone signed in, written by admins.</summary>
public static class LetterheadEndpoints
{
    private const int MaxLogoBytes = 512 * 1024;

    /// <summary>Maps <c>GET/PUT /api/org/units/{id}/letterhead</c>, <c>PUT /api/org/units/{id}/logo</c> and the internal read.</summary>
    public static void MapLetterheadEndpoints(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/org/units/{id:guid}").WithTags("Org").WithProblems(OpenApiProblems.Standard.Append(StatusCodes.Status415UnsupportedMediaType).ToArray());
        units.MapGet("/letterhead", async (Guid id, LetterheadStore store, CancellationToken ct) =>
        {
            var row = await store.FindAsync(id, ct) ?? throw ProblemException.NotFound("letterhead");
            return TypedResults.Ok(new LetterheadView(row.Lines, row.Address, row.Phone, row.Email, row.Website, row.Logo is { Length: > 0 }));
        }).WithSummary("A unit's letterhead (kop surat)");
        units.MapPut("/letterhead", async (Guid id, LetterheadRequest r, LetterheadStore store, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Required("address", r.Address, 300)
                .Check((r.Phone?.Length ?? 0) <= 100, "phone", "At most 100 characters.")
                .Check((r.Email?.Length ?? 0) <= 200, "email", "At most 200 characters.")
                .Check((r.Website?.Length ?? 0) <= 200, "website", "At most 200 characters.");
            if (r.Lines is not { Count: > 0 and <= 5 } || r.Lines.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 150))
            {
                errors.Add("lines", "Give one to five name lines of at most 150 characters each.");
            }

            errors.ThrowIfAny();
            await store.SaveAsync(id, r, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("Set a unit's letterhead");
        units.MapPut("/logo", async (Guid id, HttpRequest request, LetterheadStore store, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var png = body.ToArray();
            if (png.Length is 0 or > MaxLogoBytes || !png.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            {
                throw new ProblemException(415, "unsupported-file-type", "Unsupported file type", "Send the logo as a PNG file (body image/png) of at most 512 KB.");
            }

            await store.SaveLogoAsync(id, png, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithSummary("Set a unit's logo (PNG body)");

        // Service-to-service (printing letters): never routed by the gateway; needs the shared internal key.
        app.MapGet("/internal/org/units/{id:guid}/letterhead", async Task<Results<Ok<LetterheadInternal>, NotFound>> (
            Guid id, LetterheadStore store, CancellationToken ct) =>
        {
            var row = await store.FindAsync(id, ct);
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(new LetterheadInternal(row.Lines, row.Address, row.Phone, row.Email, row.Website, row.Logo));
        }).RequireInternalKey();
    }
}
