using System.Text.Json;
using System.Text.RegularExpressions;

namespace EOffice.Deploy.Tests;

/// <summary>Paths in the repository and facts read from its own files.</summary>
public static partial class Repo
{
    /// <summary>The EOffice services that own a schema, in start order.</summary>
    public static readonly string[] Services = ["directory", "correspondence", "disposition", "archive", "notification"];

    /// <summary>The repository root: the folder holding EOffice.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string K8s => Path.Combine(Deploy, "k8s");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>"correspondence" → "Correspondence".</summary>
    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>The project folder of a service or of the gateway, relative to the root.</summary>
    public static string ProjectDir(string app) =>
        app == "gateway" ? "gateway/EOffice.Gateway" : $"services/{Pascal(app)}/EOffice.{Pascal(app)}";

    /// <summary>The project file of a service or of the gateway, relative to the root.</summary>
    public static string ProjectFile(string app) =>
        $"{ProjectDir(app)}/EOffice.{(app == "gateway" ? "Gateway" : Pascal(app))}.csproj";

    /// <summary>The cluster ids the gateway's appsettings.json routes to.</summary>
    public static IReadOnlyList<string> GatewayClusters()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf("gateway", "EOffice.Gateway", "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return json.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().Select(p => p.Name).ToList();
    }

    /// <summary>Host names and ports in a setting: URLs, amqp URIs and Npgsql <c>Host=..;Port=..</c>.</summary>
    public static IEnumerable<(string Host, int? Port)> Endpoints(string value)
    {
        foreach (Match m in UrlPattern().Matches(value))
        {
            yield return (m.Groups["host"].Value, m.Groups["port"].Success ? int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        }

        var host = NpgsqlHost().Match(value);
        if (host.Success)
        {
            var port = NpgsqlPort().Match(value);
            yield return (host.Groups[1].Value, port.Success ? int.Parse(port.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 5432);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EOffice.sln")) && Directory.Exists(Path.Combine(dir.FullName, "deploy")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EOffice.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*)://(?:[^@/\s]*@)?(?<host>[A-Za-z0-9_.-]+)(?::(?<port>\d+))?")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?:^|;)\s*Host\s*=\s*([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex NpgsqlHost();

    [GeneratedRegex(@"(?:^|;)\s*Port\s*=\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex NpgsqlPort();
}
