using System.Reflection;
using EOffice.ServiceDefaults.Background;
using Microsoft.Extensions.Hosting;
using NetArchTest.Rules;

namespace EOffice.Rules.Tests;

/// <summary>
/// The shape the services keep (ARCHITECTURE.md, STYLE.md): each service owns its data and talks to the others only
/// through events and the gateway; the shared libraries are the only code they have in common.
/// </summary>
public sealed class ArchitectureTests
{
    public static readonly TheoryData<string> Services = new() { "Directory", "Correspondence", "Disposition", "Archive", "Notification" };

    private static readonly string[] Apps = ["EOffice.Directory", "EOffice.Correspondence", "EOffice.Disposition", "EOffice.Archive", "EOffice.Notification", "EOffice.Gateway"];

    private static Assembly ServiceAssembly(string service) => Assembly.Load($"EOffice.{service}");

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_references_no_other_service_nor_the_gateway(string service)
    {
        var references = ServiceAssembly(service).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var others = references.Where(r => Apps.Contains(r) && r != $"EOffice.{service}").ToList();

        Assert.True(others.Count == 0, $"EOffice.{service} references {string.Join(", ", others)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_uses_only_the_shared_contracts_defaults_and_org_chart_of_this_repository(string service)
    {
        var ours = ServiceAssembly(service).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("EOffice.", StringComparison.Ordinal)).ToList();

        Assert.All(ours, n => Assert.Contains(n, new[] { "EOffice.Contracts", "EOffice.ServiceDefaults", "EOffice.OrgChart" }));
    }

    [Fact]
    public void ServiceDefaults_holds_only_defaults_and_the_org_chart_only_shared_domain()
    {
        // ServiceDefaults is plumbing every app gets (the gateway too): it knows no domain library, no service.
        var defaults = typeof(PollingService).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("EOffice.", StringComparison.Ordinal)).ToList();
        var orgChart = typeof(EOffice.Org.OrgChart).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("EOffice.", StringComparison.Ordinal)).ToList();

        Assert.All(defaults, n => Assert.Equal("EOffice.Contracts", n));
        Assert.All(orgChart, n => Assert.Contains(n, new[] { "EOffice.Contracts", "EOffice.ServiceDefaults" }));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_types_never_reach_into_another_service_namespace(string service)
    {
        var others = Apps.Where(a => a != $"EOffice.{service}").ToArray();

        var result = Types.InAssembly(ServiceAssembly(service)).ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(result.IsSuccessful, $"In EOffice.{service}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_contracts_depend_on_nothing_of_ours()
    {
        var result = Types.InAssembly(typeof(EOffice.Contracts.SecurityLevels).Assembly)
            .ShouldNot().HaveDependencyOnAny([.. Apps, "EOffice.ServiceDefaults", "Npgsql", "Dapper"]).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Endpoints_hold_no_connection_of_their_own(string service)
    {
        // Endpoints go through a store or a flow and the shared Db/UnitOfWork, never a raw connection.
        var result = Types.InAssembly(ServiceAssembly(service)).That().HaveNameEndingWith("Endpoints")
            .ShouldNot().HaveDependencyOnAny("Npgsql.NpgsqlConnection", "Npgsql.NpgsqlCommand", "Npgsql.NpgsqlDataSource").GetResult();

        Assert.True(result.IsSuccessful, $"In EOffice.{service}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_code_reads_the_machine_clock_directly()
    {
        // Time comes from TimeProvider (tests move it), the city's calendar from CityClock and its offset from CityZone alone.
        var root = Root();
        var offenders = new[] { "services", "shared", "gateway" }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains("DateTime.Now", StringComparison.Ordinal) || x.line.Contains("DateTime.UtcNow", StringComparison.Ordinal)
                || x.line.Contains("DateTimeOffset.Now", StringComparison.Ordinal) || x.line.Contains("DateTimeOffset.UtcNow", StringComparison.Ordinal)
                || x.line.Contains("FromHours(7)", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}")
            .Where(x => !x.StartsWith("shared/EOffice.ServiceDefaults/Time/CityZone.cs", StringComparison.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, "The clock read directly at: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Services_call_Directory_through_one_client_and_guard_internal_endpoints_with_one_filter()
    {
        // One DirectoryClient knows Directory's address and key; one RequireInternalKey() checks the key.
        var root = Root();
        var lines = new[] { "services", "shared", "gateway" }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .ToList();

        var directoryUrl = lines.Where(x => x.Text.Contains("Internal:DirectoryUrl", StringComparison.Ordinal) && !x.Text.TrimStart().StartsWith("///", StringComparison.Ordinal)
                && x.File != "shared/EOffice.ServiceDefaults/Http/DirectoryClient.cs")
            .Select(x => $"{x.File}:{x.Line}").ToList();
        var keyChecks = lines.Where(x => x.Text.Contains(".IsPresentedBy(", StringComparison.Ordinal)
                && x.File != "shared/EOffice.ServiceDefaults/Auth/InternalKey.cs")
            .Select(x => $"{x.File}:{x.Line}").ToList();
        var internalRoutes = lines.Where(x => x.Text.Contains("Map", StringComparison.Ordinal) && x.Text.Contains("(\"/internal/", StringComparison.Ordinal))
            .Select(x => x.File).Distinct()
            .Where(f => !File.ReadAllText(Path.Combine(root, f)).Contains(".RequireInternalKey()", StringComparison.Ordinal))
            .ToList();

        Assert.True(directoryUrl.Count == 0, "Directory's address read outside DirectoryClient at: " + string.Join(", ", directoryUrl));
        Assert.True(keyChecks.Count == 0, "The internal key checked by hand at: " + string.Join(", ", keyChecks));
        Assert.True(internalRoutes.Count == 0, "Internal endpoints without RequireInternalKey() in: " + string.Join(", ", internalRoutes));
    }

    [Fact]
    public void Background_loops_run_on_the_one_PollingService()
    {
        // One loop with one way to pause, back off, log and stop; the notification listener holds a LISTEN connection
        // open rather than polling, so it stays a plain BackgroundService.
        var allowed = new[] { typeof(PollingService), typeof(EOffice.Notification.Live.NotificationHub) };
        var assemblies = new[] { typeof(PollingService).Assembly, typeof(EOffice.Org.OrgChart).Assembly }.Concat(Apps.Select(Assembly.Load));

        var handWritten = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(BackgroundService)) && !t.IsSubclassOf(typeof(PollingService)) && !allowed.Contains(t))
            .Select(t => t.FullName).ToList();

        Assert.True(handWritten.Count == 0, "Background loops not on PollingService: " + string.Join(", ", handWritten));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EOffice.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No EOffice.sln above the test assembly.");
    }
}
