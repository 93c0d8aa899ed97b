namespace EOffice.Deploy.Tests;

/// <summary>
/// The manifest checks catch the mistakes people make: each case copies deploy/k8s, makes one
/// typo an operator could make, builds the overlay with kubectl and expects the check that
/// guards against it to name the mistake (and the untouched copy to have none).
/// </summary>
public sealed class ManifestMistakeTests
{
    public static TheoryData<string, string, string, string, string> Mistakes() => new()
    {
        // case, file under deploy/k8s, text, replacement, what the problem names
        { "service targets a port the pods do not have", "base/archive.yaml", "      targetPort: http\n      protocol: TCP\n---\n# Headless", "      targetPort: htpp\n      protocol: TCP\n---\n# Headless", "targetPort 'htpp'" },
        { "pods read a config map that does not exist", "base/archive.yaml", "name: archive-config", "name: archive-confg", "archive-confg" },
        { "gateway routes to a service that does not exist", "base/config.yaml", "http://archive-pods:8080/", "http://archiv-pods:8080/", "archiv-pods" },
        { "autoscaler scales a deployment that does not exist", "base/archive.yaml", "    kind: Deployment\n    name: archive\n", "    kind: Deployment\n    name: archiv\n", "Deployment/archiv" },
        { "image override matches no container", "overlays/example/kustomization.yaml", "- name: eoffice/archive\n", "- name: eoffice/archvie\n", "eoffice/archvie" },
        { "resource file that does not exist", "overlays/example/kustomization.yaml", "  - ingress.yaml\n", "  - ingres.yaml\n", "kubectl kustomize" },
        { "patch of an object the base does not have", "overlays/example/config-patch.yaml", "  name: smtp-config\n", "  name: smtp-confg\n", "kubectl kustomize" },
    };

    [Fact]
    public void An_unchanged_copy_has_no_problems()
    {
        using var copy = new K8sCopy();
        var problems = AllProblems(KustomizeBuild.Of(copy.Overlay));
        KubernetesManifestTests.AssertNone(problems);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_typo_in_the_manifests_is_named(string mistake, string file, string text, string replacement, string named)
    {
        using var copy = new K8sCopy();
        copy.Replace(file, text, replacement);

        var problems = AllProblems(KustomizeBuild.Of(copy.Overlay));

        Assert.True(problems.Any(p => p.Contains(named, StringComparison.Ordinal)),
            $"{mistake}: expected a problem naming '{named}', got:\n{string.Join('\n', problems)}");
    }

    private static List<string> AllProblems(KustomizeBuild build) =>
    [
        .. KubernetesManifestTests.OverlayProblems(build),
        .. build.Objects.Count == 0 ? [] : KubernetesManifestTests.DeploymentProblems(build),
        .. build.Objects.Count == 0 ? [] : KubernetesManifestTests.ServiceProblems(build),
        .. build.Objects.Count == 0 ? [] : KubernetesManifestTests.ScalingProblems(build),
        .. build.Objects.Count == 0 ? [] : KubernetesManifestTests.AddressProblems(build),
        .. build.Objects.Count == 0 ? [] : KubernetesManifestTests.GatewayRouteProblems(build),
    ];

    /// <summary>A throwaway copy of deploy/k8s (the overlays refer to ../../base).</summary>
    private sealed class K8sCopy : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), $"eoffice-k8s-{Guid.NewGuid():N}");

        public K8sCopy()
        {
            foreach (var source in Directory.EnumerateFiles(Repo.K8s, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_root, Path.GetRelativePath(Repo.K8s, source));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        public string Overlay => Path.Combine(_root, "overlays", "example");

        public void Replace(string file, string text, string replacement)
        {
            var path = Path.Combine(_root, file);
            var content = File.ReadAllText(path);
            Assert.True(content.Contains(text, StringComparison.Ordinal), $"{file} no longer contains the text this case changes: {text}");
            File.WriteAllText(path, content.Replace(text, replacement, StringComparison.Ordinal));
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
