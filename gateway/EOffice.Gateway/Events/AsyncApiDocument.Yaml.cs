using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EOffice.Gateway.Events;

/// <summary>The YAML form of the AsyncAPI document.</summary>
public static partial class AsyncApiDocument
{
    /// <summary>Writes a JSON tree as YAML (block style; every string double-quoted, which YAML reads as JSON does).</summary>
    public static string ToYaml(JsonNode root)
    {
        var b = new StringBuilder("# Generated from shared/EOffice.Contracts by the gateway; do not edit.\n");
        Write(b, root, 0, inList: false);
        return b.ToString();
    }

    private static void Write(StringBuilder b, JsonNode? node, int indent, bool inList)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                var first = true;
                foreach (var (key, value) in o)
                {
                    b.Append(first && inList ? "" : pad).Append(JsonSerializer.Serialize(key)).Append(':');
                    first = false;
                    WriteValue(b, value, indent);
                }

                break;
            case JsonArray a when a.Count > 0:
                foreach (var item in a)
                {
                    b.Append(pad).Append("- ");
                    if (item is JsonObject { Count: > 0 })
                    {
                        Write(b, item, indent + 2, inList: true);
                    }
                    else
                    {
                        b.Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                b.Append(pad).Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder b, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            b.Append('\n');
            Write(b, value, indent + 2, inList: false);
        }
        else
        {
            b.Append(' ').Append(Scalar(value)).Append('\n');
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue<string>(out var s) => JsonSerializer.Serialize(s),
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue v => Convert.ToString(v.GetValue<object>(), CultureInfo.InvariantCulture) ?? "null",
        _ => node.ToJsonString(),
    };
}
