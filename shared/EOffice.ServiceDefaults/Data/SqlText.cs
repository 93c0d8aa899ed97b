namespace EOffice.ServiceDefaults.Data;

/// <summary>Helpers for values passed to SQL as parameters (never concatenated into SQL).</summary>
public static class SqlText
{
    /// <summary>A <c>like</c> pattern that matches values starting with <paramref name="q"/>, wildcards escaped; null for a blank query.</summary>
    public static string? StartsWith(string? q) =>
        string.IsNullOrWhiteSpace(q) ? null : Escape(q.Trim()) + "%";

    /// <summary>A <c>like</c>/<c>ilike</c> pattern that matches <paramref name="q"/> anywhere, with wildcards escaped; null for a blank query.</summary>
    public static string? Contains(string? q) =>
        string.IsNullOrWhiteSpace(q)
            ? null
            : "%" + Escape(q.Trim()) + "%";

    private static string Escape(string q) =>
        q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
