using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
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
public static class Letterheads
{
    private const int MaxLogoBytes = 512 * 1024;

    private sealed class Row
    {
        public string[] Lines { get; init; } = [];
        public string Address { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? Website { get; init; }
        public byte[]? Logo { get; init; }
    }

    /// <summary>Maps <c>GET/PUT /api/org/units/{id}/letterhead</c>, <c>PUT /api/org/units/{id}/logo</c> and the internal read.</summary>
    public static void MapLetterheadEndpoints(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/org/units/{id:guid}").WithTags("Org");
        units.MapGet("/letterhead", async (Guid id, Db db, CancellationToken ct) =>
        {
            var row = await FindAsync(db, id, ct) ?? throw ProblemException.NotFound("letterhead");
            return TypedResults.Ok(new LetterheadView(row.Lines, row.Address, row.Phone, row.Email, row.Website, row.Logo is { Length: > 0 }));
        });
        units.MapPut("/letterhead", async (Guid id, LetterheadRequest r, Db db, CancellationToken ct) =>
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
            await using var uow = await db.BeginAsync(ct);
            await RequireUnitAsync(uow, id);
            await uow.ExecuteAsync(
                """
                insert into letterheads (unit_id, lines, address, phone, email, website) values (@id, @lines, @Address, @Phone, @Email, @Website)
                on conflict (unit_id) do update set lines = excluded.lines, address = excluded.address, phone = excluded.phone,
                    email = excluded.email, website = excluded.website, updated_at = now()
                """,
                new { id, lines = r.Lines!.Select(l => l.Trim()).ToArray(), r.Address, r.Phone, r.Email, r.Website });
            await uow.CommitAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin);
        units.MapPut("/logo", async (Guid id, HttpRequest request, Db db, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var png = body.ToArray();
            if (png.Length is 0 or > MaxLogoBytes || !png.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            {
                throw new ProblemException(415, "unsupported-file-type", "Unsupported file type", "Send the logo as a PNG file (body image/png) of at most 512 KB.");
            }

            await using var uow = await db.BeginAsync(ct);
            await RequireUnitAsync(uow, id);
            var updated = await uow.ExecuteAsync("update letterheads set logo = @png, updated_at = now() where unit_id = @id", new { id, png });
            if (updated == 0)
            {
                throw ProblemException.Conflict("no-letterhead", "Store the unit's letterhead (PUT …/letterhead) before its logo.");
            }

            await uow.CommitAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin);

        // Service-to-service (printing letters): never routed by the gateway; needs the shared internal key.
        app.MapGet("/internal/org/units/{id:guid}/letterhead", async Task<Results<Ok<LetterheadInternal>, NotFound>> (
            Guid id, Db db, CancellationToken ct) =>
        {
            var row = await FindAsync(db, id, ct);
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(new LetterheadInternal(row.Lines, row.Address, row.Phone, row.Email, row.Website, row.Logo));
        }).RequireInternalKey();
    }

    private static Task<Row?> FindAsync(Db db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Row>("select lines, address, phone, email, website, logo from letterheads where unit_id = @id", new { id }, ct);

    private static async Task RequireUnitAsync(UnitOfWork uow, Guid id)
    {
        if (!await uow.QuerySingleOrDefaultAsync<bool>("select exists (select 1 from units where id = @id)", new { id }))
        {
            throw ProblemException.NotFound("unit");
        }
    }
}
