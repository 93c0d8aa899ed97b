using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EOffice.Contracts;

namespace EOffice.Gateway.Events;

/// <summary>
/// The AsyncAPI 3 document of the events city systems may receive, generated from
/// <c>shared/EOffice.Contracts</c> (the records MassTransit publishes, their XML docs) so it cannot
/// drift from what is published: one fanout exchange per event, the MassTransit JSON envelope with
/// the event under <c>message</c>. Internal exchanges (<c>eoffice.internal.*</c>) are left out.
/// Served at <c>/api/docs/asyncapi.yaml</c>.
/// </summary>
public static partial class AsyncApiDocument
{
    private static readonly Lazy<string> Yaml = new(() => ToYaml(Build()));

    /// <summary>The document as YAML.</summary>
    public static string Text => Yaml.Value;

    /// <summary>Maps <c>GET /api/docs/asyncapi.yaml</c> (anonymous).</summary>
    public static void MapAsyncApiDocument(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/docs/asyncapi.yaml", () => TypedResults.Text(Text, "application/yaml; charset=utf-8")).AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "application/yaml").WithTags("Docs").WithSummary("The AsyncAPI document of the public events");

    /// <summary>The document as a JSON tree.</summary>
    public static JsonObject Build()
    {
        var docs = XmlDocs.Load(typeof(PublicExchanges).Assembly);
        var schemas = new JsonObject();
        var messages = new JsonObject();
        var channels = new JsonObject();
        var operations = new JsonObject();
        foreach (var (exchange, type) in PublicExchanges.Events.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var id = Camel(type.Name);
            SchemaOf(type, schemas, docs);
            schemas[type.Name + "Envelope"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"The MassTransit envelope of {type.Name}; the event itself is under `message`.",
                ["required"] = new JsonArray("messageId", "messageType", "message"),
                ["properties"] = new JsonObject
                {
                    ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "Unique per event: use it to drop duplicates." },
                    ["conversationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                    ["correlationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                    ["sourceAddress"] = new JsonObject { ["type"] = "string" },
                    ["destinationAddress"] = new JsonObject { ["type"] = "string" },
                    ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                    ["headers"] = new JsonObject { ["type"] = "object" },
                    ["message"] = new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" },
                },
            };
            messages[type.Name] = new JsonObject
            {
                ["name"] = type.Name,
                ["title"] = exchange,
                ["summary"] = docs.Summary(type) ?? type.Name,
                ["contentType"] = "application/vnd.masstransit+json",
                ["payload"] = new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}Envelope" },
            };
            channels[id] = new JsonObject
            {
                ["address"] = exchange,
                ["description"] = $"Fanout exchange `{exchange}`: bind a queue of your own to receive every {type.Name}.",
                ["messages"] = new JsonObject { [id] = new JsonObject { ["$ref"] = $"#/components/messages/{type.Name}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations["receive" + type.Name] = new JsonObject
            {
                ["action"] = "receive",
                ["summary"] = docs.Summary(type) ?? type.Name,
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{id}" },
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{id}/messages/{id}" }),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "EOffice events",
                ["version"] = typeof(PublicExchanges).Assembly.GetName().Version?.ToString() ?? "1.0.0",
                ["description"] =
                    "Events other city systems may receive, on RabbitMQ (one fanout exchange each) or by webhook. They carry metadata only: " +
                    "never a letter's body or files; subject and summary only for letters of security level Biasa. Exchanges named " +
                    "eoffice.internal.* carry text between EOffice's own services and cannot be bound by city systems.",
            },
            ["defaultContentType"] = "application/vnd.masstransit+json",
            ["servers"] = new JsonObject
            {
                ["broker"] = new JsonObject
                {
                    ["host"] = "127.0.0.1:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0-9-1",
                    ["description"] = "The installation's RabbitMQ. City systems use the read-only user (./eoffice status prints its URL); their queues are named city.*.",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    // A record's schema (and those of the records it holds) under components/schemas; returns a reference or inline schema for a type.
    private static JsonObject SchemaOf(Type type, JsonObject schemas, XmlDocs docs)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return SchemaOf(nullable, schemas, docs);
        }

        JsonObject Simple(string t, string? format = null) => format is null
            ? new JsonObject { ["type"] = t }
            : new JsonObject { ["type"] = t, ["format"] = format };
        if (type == typeof(string))
        {
            return Simple("string");
        }

        if (type == typeof(Guid))
        {
            return Simple("string", "uuid");
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return Simple("string", "date-time");
        }

        if (type == typeof(DateOnly))
        {
            return Simple("string", "date");
        }

        if (type == typeof(bool))
        {
            return Simple("boolean");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Simple("integer");
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            return Simple("number");
        }

        if (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(type.GetGenericArguments()[0], schemas, docs) };
        }

        if (type.IsArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(type.GetElementType()!, schemas, docs) };
        }

        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = null; // placeholder against cycles
            var properties = new JsonObject();
            var required = new JsonArray();
            var nullability = new NullabilityInfoContext();
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null && p.Name != "EqualityContract"))
            {
                var schema = SchemaOf(p.PropertyType, schemas, docs);
                var optional = nullability.Create(p).ReadState == NullabilityState.Nullable;
                if (optional && schema["type"] is JsonValue t)
                {
                    schema["type"] = new JsonArray(t.GetValue<string>(), "null");
                }
                else if (!optional)
                {
                    required.Add(Camel(p.Name));
                }

                if (docs.Summary(p) is { } doc)
                {
                    schema = schema.ContainsKey("$ref") ? new JsonObject { ["allOf"] = new JsonArray(schema), ["description"] = doc } : schema;
                    schema["description"] ??= doc;
                }

                properties[Camel(p.Name)] = schema;
            }

            var record = new JsonObject { ["type"] = "object" };
            if (docs.Summary(type) is { } summary)
            {
                record["description"] = summary;
            }

            record["properties"] = properties;
            record["required"] = required;
            schemas[type.Name] = record;
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The summaries of the contracts' XML documentation, when the file is beside the assembly.</summary>
    private sealed class XmlDocs(IReadOnlyDictionary<string, string> summaries)
    {
        public static XmlDocs Load(Assembly assembly)
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(path))
            {
                return new XmlDocs(new Dictionary<string, string>());
            }

            var members = XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
                .ToDictionary(m => m.Attribute("name")!.Value, m => Text(m.Element("summary")!), StringComparer.Ordinal);
            return new XmlDocs(members);
        }

        // Text with <see cref="X"/> and <c>x</c> kept as words.
        private static string Text(XElement summary) => string.Join(' ', summary.DescendantNodes().Select(n => n switch
        {
            XText t => t.Value.Trim(),
            XElement { Name.LocalName: "see" } see => see.Attribute("cref")?.Value.Split('.', ':')[^1] ?? see.Attribute("langword")?.Value ?? "",
            _ => "",
        }).Where(t => t.Length > 0));

        public string? Summary(Type type) => summaries.TryGetValue($"T:{type.FullName}", out var s) ? s : null;

        public string? Summary(PropertyInfo p) =>
            summaries.TryGetValue($"P:{p.DeclaringType!.FullName}.{p.Name}", out var s) ? s : null;
    }
}
