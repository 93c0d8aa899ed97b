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
/// Enough of <c>kustomize build</c> to check references: follows <c>resources</c> (files and
/// folders), applies <c>patches</c> by merging maps, and checks <c>images</c> and the namespace.
/// </summary>
public sealed class KustomizeBuild
{
    private KustomizeBuild(string dir) => Dir = dir;

    public string Dir { get; }

    public List<K8sObject> Objects { get; } = [];

    /// <summary>What is wrong with the kustomization files themselves.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Every file this build read.</summary>
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    public static KustomizeBuild Of(string dir)
    {
        var build = new KustomizeBuild(dir);
        build.Objects.AddRange(build.Load(Path.GetFullPath(dir)));
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

    private List<K8sObject> Load(string dir)
    {
        var file = Path.Combine(dir, "kustomization.yaml");
        if (!File.Exists(file))
        {
            Problems.Add($"{Rel(dir)}: a kustomize resource folder without kustomization.yaml");
            return [];
        }

        Files.Add(file);
        var k = Yaml.Load(file);
        if (k["kind"].Text != "Kustomization" || k["apiVersion"].Text != "kustomize.config.k8s.io/v1beta1")
        {
            Problems.Add($"{Rel(file)}: expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
        }

        foreach (var key in k.Keys.Where(key => key is "bases" or "patchesStrategicMerge" or "commonLabels" or "vars"))
        {
            Problems.Add($"{Rel(file)}: '{key}' is deprecated in kustomize 5; use resources, patches, labels or replacements");
        }

        var objects = new List<K8sObject>();
        foreach (var resource in k["resources"].Items)
        {
            var path = Path.GetFullPath(Path.Combine(dir, resource.Text ?? ""));
            if (Directory.Exists(path))
            {
                objects.AddRange(Load(path));
            }
            else if (File.Exists(path))
            {
                Files.Add(path);
                objects.AddRange(ReadFile(path));
            }
            else
            {
                Problems.Add($"{Rel(file)}: resource '{resource.Text}' does not exist");
            }
        }

        foreach (var patch in k["patches"].Items)
        {
            ApplyPatch(file, dir, patch, objects);
        }

        foreach (var image in k["images"].Items)
        {
            var name = image["name"].Text ?? "";
            var used = objects.Where(o => o.Kind == "Deployment")
                .SelectMany(o => o.Spec.At("template", "spec", "containers").Items)
                .Any(c => (c["image"].Text ?? "").Split(':')[0] == name);
            if (!used)
            {
                Problems.Add($"{Rel(file)}: images entry '{name}' matches no container image");
            }
        }

        if (k["namespace"].Text is { } ns && objects.Any(o => o.Kind == "Namespace") && !objects.Any(o => o.Kind == "Namespace" && o.Name == ns))
        {
            Problems.Add($"{Rel(file)}: namespace '{ns}' is not the Namespace object it creates");
        }

        return objects;
    }

    private void ApplyPatch(string kustomization, string dir, Node patch, List<K8sObject> objects)
    {
        var path = patch["path"].Text;
        if (path is null)
        {
            Problems.Add($"{Rel(kustomization)}: only file patches (path:) are understood here");
            return;
        }

        var full = Path.GetFullPath(Path.Combine(dir, path));
        if (!File.Exists(full))
        {
            Problems.Add($"{Rel(kustomization)}: patch '{path}' does not exist");
            return;
        }

        Files.Add(full);
        foreach (var doc in ReadFile(full))
        {
            var kind = patch.At("target", "kind").Text ?? doc.Kind;
            var name = patch.At("target", "name").Text ?? doc.Name;
            var index = objects.FindIndex(o => o.Kind == kind && o.Name == name);
            if (index < 0)
            {
                Problems.Add($"{Rel(full)}: patches {kind}/{name}, which the kustomization does not contain");
                continue;
            }

            var target = objects[index];
            var merged = Merge(Clone(target.Root.Raw), doc.Root.Raw);
            objects[index] = target with { Root = new Node(merged) };
        }
    }

    private static object? Clone(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => kv.Key, kv => Clone(kv.Value)),
        IList<object?> list => list.Select(Clone).ToList(),
        _ => value,
    };

    // Strategic merge, simplified: maps merge key by key, anything else is replaced.
    private static object? Merge(object? target, object? patch)
    {
        if (target is Dictionary<object, object?> t && patch is IDictionary<object, object?> p)
        {
            foreach (var (key, value) in p)
            {
                t[key] = t.TryGetValue(key, out var existing) ? Merge(existing, value) : Clone(value);
            }

            return t;
        }

        return Clone(patch);
    }

    private static string Rel(string path) => Path.GetRelativePath(Repo.Root, path);

    /// <summary>The overlays under deploy/k8s/overlays.</summary>
    public static IEnumerable<string> Overlays() =>
        Directory.GetDirectories(Path.Combine(Repo.K8s, "overlays")).Order(StringComparer.Ordinal);

    public static int Int(Node node) => int.Parse(node.Text ?? "-1", CultureInfo.InvariantCulture);
}
