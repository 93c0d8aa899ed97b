using System.Globalization;
using System.Text;

namespace EOffice.Deploy.Tests;

/// <summary>One Kubernetes object of a manifest file.</summary>
public sealed record K8sObject(string File, string ApiVersion, string Kind, string Name, Node Root)
{
    public override string ToString() => $"{Kind}/{Name} ({Path.GetRelativePath(Repo.Root, File)})";

    public Node Spec => Root["spec"];

    /// <summary>Keys of a ConfigMap or Secret (<c>data</c> and <c>stringData</c>).</summary>
    public IEnumerable<string> DataKeys => Root["data"].Keys.Concat(Root["stringData"].Keys);

    /// <summary>A ConfigMap or Secret value as text (Secret <c>data</c> is base64).</summary>
    public string? Value(string key)
    {
        if (Root["stringData"][key].Text is { } s)
        {
            return s;
        }

        var data = Root["data"][key].Text;
        return data is null || Kind != "Secret" ? data : Encoding.UTF8.GetString(Convert.FromBase64String(data));
    }
}

/// <summary>
/// An overlay as <c>kubectl kustomize</c> (kustomize 5, the tool a cluster operator runs) builds
/// it: the objects it would apply, what the tool refused, and which files the overlay reaches
/// (resources and patches, followed through the kustomization files).
/// </summary>
public sealed class KustomizeBuild
{
    private KustomizeBuild(string dir) => Dir = dir;

    public string Dir { get; }

    public List<K8sObject> Objects { get; } = [];

    /// <summary>What is wrong with the overlay: kustomize's own errors and the mistakes it lets pass.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Every file the overlay reaches.</summary>
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    public static KustomizeBuild Of(string dir)
    {
        var build = new KustomizeBuild(Path.GetFullPath(dir));
        Assert.True(Shell.Has("kubectl"),
            "kubectl is not installed: the Kubernetes manifests are checked with `kubectl kustomize` (./eoffice test installs it; or apt-get install kubernetes-client)");
        var result = Shell.RunAsync("kubectl", ["kustomize", build.Dir]).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            build.Problems.Add($"kubectl kustomize {Rel(build.Dir)} failed: {result.Err.Trim()}");
        }
        else
        {
            build.Objects.AddRange(Yaml.ParseAll(result.Out, $"kubectl kustomize {Rel(build.Dir)}").Select(doc => new K8sObject(
                build.Dir,
                doc["apiVersion"].Text ?? "",
                doc["kind"].Text ?? "",
                doc.At("metadata", "name").Text ?? "",
                doc)));
        }

        build.Follow(build.Dir);
        return build;
    }

    public IEnumerable<K8sObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public K8sObject? Find(string kind, string name) => Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name);

    /// <summary>Reads one manifest file into objects.</summary>
    public static IEnumerable<K8sObject> ReadFile(string file) =>
        Yaml.LoadAll(file).Select(doc => new K8sObject(
            file,
            doc["apiVersion"].Text ?? "",
            doc["kind"].Text ?? "",
            doc.At("metadata", "name").Text ?? "",
            doc));

    // Collects the files a kustomization reaches, and the mistakes kustomize accepts silently or
    // only warns about: deprecated fields, and an images entry that matches no container (the
    // image is then deployed untagged from the wrong registry).
    private void Follow(string dir)
    {
        var file = Path.Combine(dir, "kustomization.yaml");
        if (!File.Exists(file))
        {
            return;
        }

        Files.Add(file);
        var k = Yaml.Load(file);
        foreach (var key in k.Keys.Where(key => key is "bases" or "patchesStrategicMerge" or "commonLabels" or "vars"))
        {
            Problems.Add($"{Rel(file)}: '{key}' is deprecated in kustomize 5; use resources, patches, labels or replacements");
        }

        foreach (var resource in k["resources"].Items)
        {
            var path = Path.GetFullPath(Path.Combine(dir, resource.Text ?? ""));
            if (Directory.Exists(path))
            {
                Follow(path);
            }
            else if (File.Exists(path))
            {
                Files.Add(path);
            }
        }

        foreach (var patch in k["patches"].Items)
        {
            if (patch["path"].Text is { } path)
            {
                Files.Add(Path.GetFullPath(Path.Combine(dir, path)));
            }
        }

        var images = Objects.Where(o => o.Kind == "Deployment")
            .SelectMany(o => o.Spec.At("template", "spec", "containers").Items.Concat(o.Spec.At("template", "spec", "initContainers").Items))
            .Select(c => c["image"].Text ?? "")
            .ToList();
        foreach (var image in k["images"].Items)
        {
            var name = image["newName"].Text ?? image["name"].Text ?? "";
            var tag = image["newTag"].Text;
            var expected = tag is null ? name : $"{name}:{tag}";
            if (!images.Any(i => i == expected || (tag is null && i.Split(':')[0] == name)))
            {
                Problems.Add($"{Rel(file)}: images entry '{image["name"].Text}' matches no container image (none is {expected})");
            }
        }
    }

    private static string Rel(string path) => Path.GetRelativePath(Repo.Root, path);

    /// <summary>The overlays under deploy/k8s/overlays.</summary>
    public static IEnumerable<string> Overlays() =>
        Directory.GetDirectories(Path.Combine(Repo.K8s, "overlays")).Order(StringComparer.Ordinal);

    public static int Int(Node node) => int.Parse(node.Text ?? "-1", CultureInfo.InvariantCulture);
}
