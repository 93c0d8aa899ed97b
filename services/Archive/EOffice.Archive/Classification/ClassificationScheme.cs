using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Classification;

/// <summary>A classification code and its rule.</summary>
public sealed record ClassificationRequest(string? Code, string? ParentCode, string? Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition);

/// <summary>A node of the classification tree.</summary>
public sealed record ClassificationNode(string Code, string Title, int? ActiveYears, int? InactiveYears, string? FinalDisposition,
    RetentionRule Effective, List<ClassificationNode> Children);

/// <summary>The classification scheme (small: loaded whole), and its codes as archivists keep them.</summary>
public sealed class ClassificationScheme(Db db)
{
    /// <summary>Every code, keyed by code.</summary>
    public async Task<IReadOnlyDictionary<string, SchemeEntry>> LoadAsync(CancellationToken ct, UnitOfWork? uow = null)
    {
        const string sql = "select code, parent_code, title, active_years, inactive_years, final_disposition from classifications";
        var rows = uow is null ? await db.QueryAsync<SchemeRow>(sql, ct: ct) : await uow.QueryAsync<SchemeRow>(sql);
        return rows.ToDictionary(r => r.Code, r => new SchemeEntry(r.Code, r.ParentCode, r.Title,
            r.ActiveYears is { } a && r.InactiveYears is { } i && r.FinalDisposition is { } f ? new RetentionRule(a, i, f) : null), StringComparer.Ordinal);
    }

    /// <summary>Adds (<paramref name="creating"/>) or changes a code with its rule, or no rule to follow its parent's.</summary>
    public async Task SaveAsync(ClassificationRequest r, bool creating, Guid actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(r.Code is not null && System.Text.RegularExpressions.Regex.IsMatch(r.Code, @"^\d{3}(\.\d{1,4}){0,5}$"), "code", "Kode seperti 000, 000.1 atau 800.1.11.");
        errors.Required("title", r.Title, 300);
        var rule = new int?[] { r.ActiveYears, r.InactiveYears }.Count(v => v is not null) + (r.FinalDisposition is null ? 0 : 1);
        errors.Check(rule is 0 or 3, "finalDisposition", "Isi masa aktif, masa inaktif dan nasib akhir bersama-sama, atau kosongkan ketiganya untuk mengikuti aturan induk.");
        errors.Check(r.FinalDisposition is null || FinalDisposition.All.Contains(r.FinalDisposition), "finalDisposition", "Musnah (Destroy), Permanen (Permanent) atau Dinilai kembali (Review).");
        errors.Check(r.ActiveYears is null or (>= 0 and <= 100) && r.InactiveYears is null or (>= 0 and <= 100), "activeYears", "0 sampai 100 tahun.");
        errors.Check(r.ParentCode is null || (r.Code is not null && r.Code.StartsWith(r.ParentCode + ".", StringComparison.Ordinal)), "parentCode",
            "Kode turunan diawali kode induknya dan titik.");
        errors.ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        if (r.ParentCode is not null && !await uow.ExecuteScalarAsync<bool>("select exists (select 1 from classifications where code = @ParentCode)", r))
        {
            throw ProblemException.Invalid("parentCode", "Kode induk tidak ada.");
        }

        if (creating && await uow.ExecuteScalarAsync<bool>("select exists (select 1 from classifications where code = @Code)", r))
        {
            throw ProblemException.Conflict("duplicate-code", $"Kode {r.Code} sudah ada; ubah kode itu alih-alih menambahkannya lagi.");
        }

        var changed = creating
            ? await uow.ExecuteAsync(
                "insert into classifications (code, parent_code, title, active_years, inactive_years, final_disposition) values (@Code, @ParentCode, @Title, @ActiveYears, @InactiveYears, @FinalDisposition)", r)
            : await uow.ExecuteAsync(
                "update classifications set parent_code = @ParentCode, title = @Title, active_years = @ActiveYears, inactive_years = @InactiveYears, final_disposition = @FinalDisposition where code = @Code", r);
        if (changed == 0)
        {
            throw ProblemException.NotFound("classification");
        }

        await uow.AuditAsync(actor, creating ? "classification-created" : "classification-updated", "classification", null, r);
        await uow.CommitAsync();
    }

    private sealed class SchemeRow
    {
        public string Code { get; init; } = "";
        public string? ParentCode { get; init; }
        public string Title { get; init; } = "";
        public int? ActiveYears { get; init; }
        public int? InactiveYears { get; init; }
        public string? FinalDisposition { get; init; }
    }
}
