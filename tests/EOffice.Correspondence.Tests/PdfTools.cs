using System.Diagnostics;

namespace EOffice.Correspondence.Tests;

/// <summary>The tools a recipient checks a PDF with (poppler-utils, zbar-tools), run as processes.</summary>
public static class PdfTools
{
    /// <summary>The text of a PDF (<c>pdftotext -layout</c>).</summary>
    public static async Task<string> TextAsync(byte[] pdf) => (await WithFileAsync(pdf, path => RunAsync("pdftotext", "-layout", path, "-"))).Output;

    /// <summary>The text of a PDF with every run of white space (line and column breaks too) as one space.</summary>
    public static async Task<string> WordsAsync(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Replace((await TextAsync(pdf)).Replace("\f", " ", StringComparison.Ordinal), @"\s+", " ");

    /// <summary>What <c>pdfsig</c> says about the PDF's signatures.</summary>
    public static async Task<string> SignaturesAsync(byte[] pdf)
    {
        var (output, error) = await WithFileAsync(pdf, path => RunAsync("pdfsig", path));
        return output + error;
    }

    /// <summary>The QR codes on the pages (<c>pdftoppm -r 150 -png</c>, then <c>zbarimg</c>).</summary>
    public static async Task<string> QrCodesAsync(byte[] pdf) =>
        (await WithFileAsync(pdf, async path =>
        {
            var prefix = path + "-page";
            await RunAsync("pdftoppm", "-r", "150", "-png", path, prefix);
            var pages = System.IO.Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(prefix) + "*.png");
            try
            {
                return await RunAsync("zbarimg", ["-q", "--raw", .. pages]);
            }
            finally
            {
                foreach (var page in pages)
                {
                    File.Delete(page);
                }
            }
        })).Output;

    private static async Task<(string Output, string Error)> WithFileAsync(byte[] pdf, Func<string, Task<(string, string)>> run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"eoffice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await run(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (await output, await error);
    }
}
