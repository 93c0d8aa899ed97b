using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>A kop surat as stored, with its logo (PNG) if one was given.</summary>
public sealed record Letterhead(IReadOnlyList<string> Lines, string Address, string? Phone, string? Email, string? Website, byte[]? Logo);

/// <summary>Letterheads (kop surat) and logos of agencies.</summary>
public sealed class LetterheadStore(Db db)
{
    /// <summary>The letterhead of a unit, or null.</summary>
    public async Task<Letterhead?> FindAsync(Guid unitId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            "select lines, address, phone, email, website, logo from letterheads where unit_id = @unitId", new { unitId }, ct);
        return row is null ? null : new Letterhead(row.Lines, row.Address, row.Phone, row.Email, row.Website, row.Logo);
    }

    /// <summary>The logo of a unit's letterhead, or null.</summary>
    public Task<byte[]?> LogoAsync(Guid unitId, CancellationToken ct) =>
        db.ExecuteScalarAsync<byte[]?>("select logo from letterheads where unit_id = @unitId", new { unitId }, ct);

    /// <summary>Stores (creates or replaces) a unit's letterhead, keeping its logo; 404 when there is no such unit.</summary>
    public async Task SaveAsync(Guid unitId, LetterheadRequest r, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await RequireUnitAsync(uow, unitId);
        await uow.ExecuteAsync(
            """
            insert into letterheads (unit_id, lines, address, phone, email, website) values (@unitId, @lines, @Address, @Phone, @Email, @Website)
            on conflict (unit_id) do update set lines = excluded.lines, address = excluded.address, phone = excluded.phone,
                email = excluded.email, website = excluded.website, updated_at = now()
            """,
            new { unitId, lines = r.Lines!.Select(l => l.Trim()).ToArray(), r.Address, r.Phone, r.Email, r.Website });
        await uow.CommitAsync();
    }

    /// <summary>Stores a unit's logo: 404 when there is no such unit, 409 before its letterhead is stored.</summary>
    public async Task SaveLogoAsync(Guid unitId, byte[] png, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await RequireUnitAsync(uow, unitId);
        var updated = await uow.ExecuteAsync("update letterheads set logo = @png, updated_at = now() where unit_id = @unitId", new { unitId, png });
        if (updated == 0)
        {
            throw ProblemException.Conflict("no-letterhead", "Store the unit's letterhead (PUT …/letterhead) before its logo.");
        }

        await uow.CommitAsync();
    }

    private static async Task RequireUnitAsync(UnitOfWork uow, Guid unitId)
    {
        if (!await uow.QuerySingleOrDefaultAsync<bool>("select exists (select 1 from units where id = @unitId)", new { unitId }))
        {
            throw ProblemException.NotFound("unit");
        }
    }

    private sealed class Row
    {
        public string[] Lines { get; init; } = [];
        public string Address { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? Website { get; init; }
        public byte[]? Logo { get; init; }
    }
}
