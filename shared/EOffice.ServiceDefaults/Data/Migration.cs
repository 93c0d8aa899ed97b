using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace EOffice.ServiceDefaults.Data;

/// <summary>One SQL migration: an id (its file name, which orders it) and its text.</summary>
public sealed record Migration(string Id, string Sql)
{
    /// <summary>SHA-256 of the text with line endings normalised, kept in the journal.</summary>
    public string Checksum { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n").Trim())));

    /// <summary>The infrastructure migrations (outbox, inbox) that every schema gets first.</summary>
    public static IReadOnlyList<Migration> Infrastructure { get; } =
        FromAssembly(typeof(Migration).Assembly, "infra/", "EOffice.ServiceDefaults.Data.Migrations.");

    /// <summary>Every embedded <c>Migrations/*.sql</c> resource of an assembly (under <paramref name="resourcePrefix"/> if given), ordered by file name.</summary>
    public static IReadOnlyList<Migration> FromAssembly(Assembly assembly, string idPrefix = "", string? resourcePrefix = null)
    {
        const string folder = ".Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Where(n => resourcePrefix is null || n.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var file = n[(n.LastIndexOf(folder, StringComparison.Ordinal) + folder.Length)..];
                return new Migration(idPrefix + file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }
}
