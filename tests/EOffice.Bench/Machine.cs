using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using EOffice.Testing;
using Npgsql;

namespace EOffice.Bench;

/// <summary>What the figures came from: cores, memory, OS, .NET, Postgres and RabbitMQ versions, load at the start.</summary>
internal sealed record Machine(IReadOnlyList<string> Lines)
{
    public static async Task<Machine> DescribeAsync(TestEnvironment.Endpoints env)
    {
        var cpu = ProcLine("/proc/cpuinfo", "model name");
        var memory = ProcLine("/proc/meminfo", "MemTotal");
        var os = File.Exists("/etc/os-release")
            ? (await File.ReadAllLinesAsync("/etc/os-release")).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim() : null;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ').Take(3)) : "?";

        string postgres;
        try
        {
            await using var connection = new NpgsqlConnection(env.PostgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select version() || '; shared_buffers=' || current_setting('shared_buffers') || ', max_connections=' || current_setting('max_connections') || ', synchronous_commit=' || current_setting('synchronous_commit')",
                connection);
            postgres = (string)(await command.ExecuteScalarAsync())!;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            postgres = "? (" + ex.Message + ")";
        }

        string rabbit;
        try
        {
            using var management = env.ManagementClient();
            var overview = await management.GetFromJsonAsync<JsonElement>("/api/overview");
            rabbit = $"{overview.Text("rabbitmq_version")} (Erlang {overview.Text("erlang_version")})";
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            rabbit = "? (" + ex.Message + ")";
        }

        return new Machine(
        [
            $"cores: {Environment.ProcessorCount}" + (cpu is null ? "" : $" ({cpu})"),
            $"memory: {memory ?? "?"}",
            $"OS: {os ?? RuntimeInformation.OSDescription}" + (kernel is null ? "" : $", kernel {kernel}"),
            $".NET: {RuntimeInformation.FrameworkDescription}",
            $"PostgreSQL: {postgres}",
            $"RabbitMQ: {rabbit}",
            $"load average at start (1, 5, 15 min): {load}",
            "the bench, the services, the gateway, Postgres and RabbitMQ share this machine",
        ]);
    }

    private static string? ProcLine(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
}
