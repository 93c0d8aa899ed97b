using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EOffice.Web.Tests.Browser;

/// <summary>The text of a printed PDF, read with poppler's <c>pdftotext</c>.</summary>
public static partial class PdfText
{
    /// <summary>
    /// The text of the PDF at <paramref name="path"/>, read twice: in pdftotext's reading order and in content-stream order
    /// (<c>-raw</c>), so that a value wrapped inside a table cell reads as one in at least one of them.
    /// </summary>
    public static async Task<string> ExtractAsync(string path) => await RunAsync(path) + "\n" + await RunAsync(path, "-raw");

    private static async Task<string> RunAsync(string path, params string[] options)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [.. options, path, "-"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftotext failed: {error}");
        return output;
    }

    /// <summary>The text without any white space, so that a value wrapped across lines or table cells is still found.</summary>
    public static string Unbroken(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
