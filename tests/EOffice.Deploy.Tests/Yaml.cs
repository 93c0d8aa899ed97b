using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EOffice.Deploy.Tests;

/// <summary>A read-only view of a parsed YAML value: a mapping, a sequence, a scalar or nothing.</summary>
public sealed class Node
{
    public static readonly Node Missing = new(null);

    private readonly object? _value;

    public Node(object? value) => _value = value;

    public bool Exists => _value is not null;

    /// <summary>The deserialized value (dictionaries, lists and strings).</summary>
    public object? Raw => _value;

    public bool IsMap => _value is IDictionary<object, object?>;

    public bool IsList => _value is IList<object?>;

    /// <summary>The scalar's text (every scalar is read as text), or null.</summary>
    public string? Text => _value as string;

    public Node this[string key] =>
        _value is IDictionary<object, object?> map && map.TryGetValue(key, out var v) ? new Node(v) : Missing;

    public IEnumerable<Node> Items =>
        _value is IList<object?> list ? list.Select(x => new Node(x)) : [];

    public IEnumerable<KeyValuePair<string, Node>> Entries =>
        _value is IDictionary<object, object?> map
            ? map.Select(kv => new KeyValuePair<string, Node>(kv.Key.ToString() ?? "", new Node(kv.Value)))
            : [];

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    /// <summary>Follows a path of keys, e.g. <c>At("spec", "template", "metadata")</c>.</summary>
    public Node At(params string[] path) => path.Aggregate(this, (node, key) => node[key]);

    /// <summary>A mapping of scalars as a dictionary (labels, selectors, ConfigMap data).</summary>
    public Dictionary<string, string> StringMap() =>
        Entries.Where(e => e.Value.Text is not null).ToDictionary(e => e.Key, e => e.Value.Text!, StringComparer.Ordinal);

    /// <summary>Every scalar below this node, with the path that leads to it.</summary>
    public IEnumerable<(string Path, string Value)> Scalars(string path = "")
    {
        if (Text is { } text)
        {
            yield return (path, text);
        }

        foreach (var (key, value) in Entries)
        {
            foreach (var s in value.Scalars(path.Length == 0 ? key : $"{path}.{key}"))
            {
                yield return s;
            }
        }

        var i = 0;
        foreach (var item in Items)
        {
            foreach (var s in item.Scalars($"{path}[{i++}]"))
            {
                yield return s;
            }
        }
    }

    public override string ToString() => _value?.ToString() ?? "(missing)";
}

/// <summary>Parses YAML files (every document of a file; merge keys <c>&lt;&lt;</c> resolved).</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Node> LoadAll(string path) => ParseAll(File.ReadAllText(path), path);

    public static Node Load(string path)
    {
        var documents = LoadAll(path);
        Assert.True(documents.Count == 1, $"{path}: expected one YAML document, found {documents.Count}");
        return documents[0];
    }

    public static IReadOnlyList<Node> ParseAll(string text, string source)
    {
        var documents = new List<Node>();
        try
        {
            var parser = new MergingParser(new Parser(new StringReader(text)));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var value = Deserializer.Deserialize<object?>(parser);
                if (value is not null)
                {
                    documents.Add(new Node(value));
                }
            }
        }
        catch (YamlException ex)
        {
            Assert.Fail($"{source}: not valid YAML: {ex.Message}");
        }

        return documents;
    }
}
