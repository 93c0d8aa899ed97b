namespace EOffice.Archive.Filing;

/// <summary>What a file (berkas) may hold.</summary>
public static class FileRules
{
    /// <summary>
    /// A file takes the records of its own classification and of its sub-codes: a <c>000.1</c> file
    /// takes <c>000.1</c> and <c>000.1.2</c>, not <c>000.2</c> nor <c>000.10</c>.
    /// </summary>
    public static bool Takes(string fileCode, string recordCode) =>
        recordCode == fileCode || recordCode.StartsWith(fileCode + ".", StringComparison.Ordinal);
}
