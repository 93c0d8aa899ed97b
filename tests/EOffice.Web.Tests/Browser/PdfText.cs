using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EOffice.Web.Tests.Browser;

/// <summary>The text of a printed PDF, read with poppler's <c>pdftotext</c>.</summary>
public static partial class PdfText
{
    /// <summary>The text of the PDF at <paramref name="path"/> (<c>pdftotext -layout</c>).</summary>
    public static async Task<string> ExtractAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"])
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
