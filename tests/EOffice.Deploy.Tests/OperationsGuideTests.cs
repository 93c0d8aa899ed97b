namespace EOffice.Deploy.Tests;

/// <summary>deploy/README.md documents every setting and variable the deployment files use.</summary>
public sealed class OperationsGuideTests
{
    // Variables the manifests only use to assemble other settings.
    private static readonly HashSet<string> Helpers = new(StringComparer.Ordinal) { "DB_PASSWORD", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD" };

    private static string Guide => File.ReadAllText(Path.Combine(Repo.Deploy, "README.md"));

    [Fact]
    public void Every_setting_the_apps_get_is_in_the_configuration_reference()
    {
        var guide = Guide;
        var settings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, app) in Compose.Apps())
        {
            settings.UnionWith(app["environment"].Keys);
        }

        foreach (var overlay in KustomizeBuild.Overlays())
        {
            var build = KubernetesManifestTests.Build(Path.GetFileName(overlay));
            settings.UnionWith(build.OfKind("ConfigMap").SelectMany(c => c.DataKeys));
            settings.UnionWith(build.OfKind("Deployment")
                .SelectMany(d => d.Spec.At("template", "spec", "containers").Items)
                .SelectMany(c => c["env"].Items).Select(e => e["name"].Text ?? ""));
        }

        var missing = settings.Where(s => !Helpers.Contains(s) && !Documented(guide, s)).ToList();
        KubernetesManifestTests.AssertNone(missing.Select(s => $"deploy/README.md does not document `{s}`"));
    }

    [Fact]
    public void Every_compose_variable_is_explained()
    {
        var guide = Guide;
        var missing = Compose.EnvExample().Keys.Where(v => !guide.Contains(v, StringComparison.Ordinal)).ToList();
        KubernetesManifestTests.AssertNone(missing.Select(v => $"deploy/README.md does not mention {v}"));
    }

    [Fact]
    public void Every_operations_script_is_explained()
    {
        var guide = Guide;
        foreach (var script in Directory.EnumerateFiles(Repo.Deploy, "*.sh").Select(Path.GetFileName))
        {
            Assert.Contains(script!, guide, StringComparison.Ordinal);
        }
    }

    // A setting is documented when it appears in backquotes, alone or as the start of a
    // `Gateway__RequiredClusters__0` … family or a `ReverseProxy__Clusters__<service>__…` pattern.
    private static bool Documented(string guide, string setting)
    {
        if (guide.Contains($"`{setting}`", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = setting.Split("__");
        if (parts[^1].All(char.IsDigit) && guide.Contains($"`{string.Join("__", parts[..^1])}__0`", StringComparison.Ordinal))
        {
            return true;
        }

        return parts.Length > 3 && parts[0] == "ReverseProxy" && parts[1] == "Clusters"
            && guide.Contains($"`ReverseProxy__Clusters__<service>__{string.Join("__", parts[3..])}`", StringComparison.Ordinal);
    }
}
