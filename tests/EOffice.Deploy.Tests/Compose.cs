using System.Text;
using System.Text.RegularExpressions;

namespace EOffice.Deploy.Tests;

/// <summary>deploy/docker-compose.yml with its variables resolved to their defaults.</summary>
public static partial class Compose
{
    public static string FilePath => Path.Combine(Repo.Deploy, "docker-compose.yml");

    public static string EnvExamplePath => Path.Combine(Repo.Deploy, ".env.example");

    public static string Text => File.ReadAllText(FilePath);

    public static Node Root => Yaml.Load(FilePath);

    public static Node Services => Root["services"];

    /// <summary>Resolves <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR}</c> and <c>$VAR</c> as compose does, from <paramref name="env"/>.</summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string>? env = null)
    {
        var result = new StringBuilder();
        foreach (Match m in Token().Matches(value))
        {
            if (m.Groups["literal"].Success)
            {
                result.Append(m.Groups["literal"].Value);
            }
            else if (m.Groups["dollar"].Success)
            {
                result.Append('$');
            }
            else
            {
                var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value;
                var set = env is not null && env.TryGetValue(name, out var v) ? v : null;
                var op = m.Groups["op"].Value;
                var fallback = m.Groups["default"].Value;
                result.Append(op switch
                {
                    ":-" => string.IsNullOrEmpty(set) ? fallback : set,
                    "-" => set ?? fallback,
                    _ => set ?? "",
                });
            }
        }

        return result.ToString();
    }

    /// <summary>Every <c>${VAR...}</c> in the file: name and the default it gives (null: none).</summary>
    public static IEnumerable<(string Name, string? Default)> Variables()
    {
        foreach (Match m in Token().Matches(Text))
        {
            if (m.Groups["name"].Success)
            {
                yield return (m.Groups["name"].Value, m.Groups["op"].Success ? m.Groups["default"].Value : null);
            }
            else if (m.Groups["bare"].Success)
            {
                yield return (m.Groups["bare"].Value, null);
            }
        }
    }

    /// <summary>The lines <c>NAME=value</c> of deploy/.env.example.</summary>
    public static Dictionary<string, string> EnvExample()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(EnvExamplePath))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $".env.example: not NAME=value: {line}");
            values[trimmed[..eq]] = trimmed[(eq + 1)..];
        }

        return values;
    }

    /// <summary>A service's environment (map form), with variables resolved to their defaults.</summary>
    public static Dictionary<string, string> Environment(Node service) =>
        service["environment"].StringMap().ToDictionary(e => e.Key, e => Interpolate(e.Value), StringComparer.Ordinal);

    /// <summary>The services built from this repository (the apps).</summary>
    public static IEnumerable<KeyValuePair<string, Node>> Apps() => Services.Entries.Where(s => s.Value["build"].Exists);

    [GeneratedRegex(@"(?<dollar>\$\$)|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?+])(?<default>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)|(?<literal>[^$]+|\$)")]
    private static partial Regex Token();
}
