using EOffice.ServiceDefaults.Data;

namespace EOffice.Archive.Classification;

/// <summary>Archive settings (section <c>Archive</c>).</summary>
public sealed class ArchiveSettings
{
    /// <summary>The rule for a code with no known ancestor (it is flagged for an archivist).</summary>
    public RetentionRule DefaultRule { get; set; } = new(2, 5, FinalDisposition.Review);

    /// <summary>How often the lifecycle job runs.</summary>
    public TimeSpan LifecycleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records moved per lifecycle batch.</summary>
    public int LifecycleBatchSize { get; set; } = 5000;
}

/// <summary>Reads the classification scheme (small: loaded whole).</summary>
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
