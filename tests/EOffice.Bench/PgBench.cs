using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EOffice.Testing;
using Npgsql;

namespace EOffice.Bench;

/// <summary>The database's own ceiling: pgbench simple-update (-N) on a scratch database of the same server.</summary>
internal static partial class PgBench
{
    private const string Database = "eoffice_bench_pgbench";

    public sealed record Ceiling(double Tps, int Clients, int Seconds);

    public static async Task<Ceiling> RunAsync(int seconds, int clients, CancellationToken ct)
    {
        var env = await TestEnvironment.GetAsync();
        var admin = new NpgsqlConnectionStringBuilder(env.PostgresAdmin);
        var pgbench = Locate();
        await AdminAsync(env.PostgresAdmin, $"drop database if exists {Database} with (force)");
        await AdminAsync(env.PostgresAdmin, $"create database {Database}");
        try
        {
            await RunProcessAsync(pgbench, admin, ["-i", "-s", "1", "-q", Database], ct);
            var output = await RunProcessAsync(pgbench, admin,
                ["-N", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                 "-T", seconds.ToString(CultureInfo.InvariantCulture), Database], ct);
            var match = Tps().Match(output);
            if (!match.Success)
            {
                throw new InvalidOperationException("pgbench printed no tps: " + output);
            }

            return new Ceiling(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), clients, seconds);
        }
        finally
        {
            await AdminAsync(env.PostgresAdmin, $"drop database if exists {Database} with (force)");
        }
    }

    /// <summary>pgbench on the PATH, else the newest in /usr/lib/postgresql/*/bin.</summary>
    private static string Locate()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "pgbench")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var installed = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("pgbench not found (apt-get install postgresql-contrib, or the server package's bin folder).");
    }

    private static async Task<string> RunProcessAsync(string pgbench, NpgsqlConnectionStringBuilder admin, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-h");
        info.ArgumentList.Add(admin.Host ?? "127.0.0.1");
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add(admin.Port.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("-U");
        info.ArgumentList.Add(admin.Username ?? "postgres");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PGPASSWORD"] = admin.Password ?? "";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
