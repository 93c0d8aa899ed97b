using System.Diagnostics;
using EOffice.Testing;

namespace EOffice.Bench;

/// <summary>
/// The Archive search and lifecycle benchmark (tests/EOffice.Archive.Bench), run as it is, by default at
/// 100,000 and 1,000,000 records so its report has the growth figures; its report is <c>archive.md</c>.
/// </summary>
internal static class ArchiveBench
{
    public static async Task<int> RunAsync(BenchOptions o, string directory, CancellationToken ct)
    {
        var build = BuildOutput.Locate();
        var dll = Path.Combine(build.Root, "tests", "EOffice.Archive.Bench", "bin", build.Configuration, "net10.0", "EOffice.Archive.Bench.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build tests/EOffice.Archive.Bench ({build.Configuration}) first.");
        }

        var args = o.ArchiveArgs.ToList();
        if (!args.Contains("--sizes") && !args.Contains("--records"))
        {
            args.AddRange(["--sizes", "100000,1000000"]);
        }

        if (!args.Contains("--out"))
        {
            args.AddRange(["--out", Path.Combine(directory, "archive.md")]);
        }

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Console.WriteLine($"bench: archive: EOffice.Archive.Bench {string.Join(' ', args)}");
        using var process = Process.Start(info)!;
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}
