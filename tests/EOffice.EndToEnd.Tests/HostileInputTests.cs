using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Walks every operation of every service's OpenAPI document with hostile values — NUL characters,
/// invalid UTF-8, huge strings, values of the wrong type, crafted paging cursors, a browser's
/// <c>Accept</c> — in each string field, body field, query parameter and path parameter, signed in as
/// the administrator. Whatever the answer, it is never a 5xx: a caller's input is the caller's fault.
/// New endpoints are walked as soon as they are in a document.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HostileInputTests(PlatformFixture platform)
{
    private const string Nul = "a\u0000b";
    private static readonly string Huge = new('x', 100_000);
    private static readonly string[] Cursors = ["YWJj", "!!!", Base64Url("1\u001fnot-a-guid"), Base64Url("abc\u001fdef"), Base64Url("9999999999999999999999\u001f00000000-0000-0000-0000-000000000000"), Base64Url("x")];

    [Fact]
    public async Task No_hostile_value_in_any_field_of_any_endpoint_gets_a_server_error()
    {
        var token = await platform.LoginAsync("admin@eoffice.local");
        var failures = new List<string>();
        var walked = 0;
        var operations = 0;
        foreach (var (service, address) in platform.ServiceAddresses)
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
            var api = new OpenApi(document.RootElement);
            foreach (var op in api.Operations())
            {
                operations++;
                foreach (var request in Requests(api, op))
                {
                    walked++;
                    using var message = request.Build();
                    HttpResponseMessage response;
                    try
                    {
                        // Headers only: a live stream (server-sent events) never ends, and its status is all that matters.
                        response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        failures.Add($"{service} {request.Describe}: no answer ({e.Message})");
                        continue;
                    }

                    using (response)
                    {
                        if ((int)response.StatusCode >= 500)
                        {
                            var body = await response.Content.ReadAsStringAsync();
                            failures.Add($"{service} {request.Describe}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                        }
                    }
                }
            }
        }

        Assert.True(operations >= 60, $"the OpenAPI documents list only {operations} operations");
        Assert.True(failures.Count == 0, $"{failures.Count} of {walked} hostile requests got a server error:\n{string.Join('\n', failures.Take(60))}");
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Every hostile request for one operation: each query and path parameter, each body field, the whole body, the Accept header.
    private static IEnumerable<Probe> Requests(OpenApi api, Operation op)
    {
        var path = op.Parameters.Where(p => p.In == "path").ToList();
        var query = op.Parameters.Where(p => p.In == "query").ToList();
        string PathWith(string? name, string? value) =>
            path.Aggregate(op.Path, (current, p) => current.Replace("{" + p.Name + "}", Uri.EscapeDataString(p.Name == name ? value! : api.Plausible(p.Schema).ToString()), StringComparison.Ordinal));
        string Query(string? name, string? value) =>
            string.Join('&', query.Where(q => q.Name == name).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(value!)}"));
        var body = op.JsonBody is { } schema ? api.Plausible(schema) : null;

        foreach (var p in path.Where(p => api.TypeOf(p.Schema) == "string" && api.FormatOf(p.Schema) is null))
        {
            yield return new Probe(op.Method, PathWith(p.Name, Nul), body?.ToJsonString(), $"path {p.Name}=NUL");
        }

        foreach (var q in query)
        {
            var values = new List<(string Value, string What)> { (Nul, "NUL"), (new string('x', 3000), "long"), ("zz", "wrong type"), ("-1", "negative") };
            if (q.Name is "after")
            {
                values.AddRange(Cursors.Select(c => (c, $"cursor {c}")));
            }

            foreach (var (value, what) in values)
            {
                yield return new Probe(op.Method, $"{PathWith(null, null)}?{Query(q.Name, value)}", body?.ToJsonString(), $"query {q.Name}={what}");
            }
        }

        if (op.Method == "GET")
        {
            yield return new Probe(op.Method, PathWith(null, null), null, "Accept: text/html") { Accept = "text/html,application/xhtml+xml,*/*;q=0.8" };
        }

        if (body is null)
        {
            if (op.MultipartBody)
            {
                yield return new Probe(op.Method, PathWith(null, null), null, "multipart file name with NUL") { MultipartFileName = "lapor\u0000an.pdf" };
                yield return new Probe(op.Method, PathWith(null, null), null, "multipart file name with RLO") { MultipartFileName = "laporan\u202Efdp.exe" };
            }

            yield break;
        }

        yield return new Probe(op.Method, PathWith(null, null), null, "invalid UTF-8 body") { RawBody = [.. "{\"a\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8] };
        yield return new Probe(op.Method, PathWith(null, null), "[]", "array instead of object");
        yield return new Probe(op.Method, PathWith(null, null), "{\"x\": ", "truncated JSON");
        foreach (var (field, kind) in OpenApi.Leaves(body))
        {
            var mutations = kind == JsonValueKind.String
                ? new (JsonNode? Value, string What)[] { (Nul, "NUL"), (Huge, "huge"), (12345, "number"), (new JsonObject(), "object") }
                : [("zz", "string"), (JsonValue.Create(Nul), "NUL"), (new JsonArray(), "array")];
            foreach (var (value, what) in mutations)
            {
                var mutated = body.DeepClone();
                OpenApi.Set(mutated, field, value?.DeepClone());
                yield return new Probe(op.Method, PathWith(null, null), mutated.ToJsonString(), $"body {string.Join('.', field)}={what}");
            }
        }
    }

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, JsonElement? JsonBody, bool MultipartBody);

    private sealed record Probe(string Method, string Url, string? Json, string What)
    {
        public string? Accept { get; init; }

        public byte[]? RawBody { get; init; }

        public string? MultipartFileName { get; init; }

        public string Describe => $"{Method} {Url[..Math.Min(Url.Length, 120)]} [{What}]";

        public HttpRequestMessage Build()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Url, UriKind.Relative));
            if (RawBody is { } raw)
            {
                message.Content = new ByteArrayContent(raw);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else if (Json is { } json)
            {
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            else if (MultipartFileName is { } name)
            {
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{name}\"");
                form.Add(file);
                message.Content = form;
            }

            if (Method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                message.Headers.TryAddWithoutValidation("If-Match", "*");
            }

            message.Headers.TryAddWithoutValidation("Accept", Accept ?? "application/json");
            return message;
        }
    }

    /// <summary>Just enough of an OpenAPI 3 document: operations, parameters, JSON bodies, schemas with references.</summary>
    private sealed class OpenApi(JsonElement root)
    {
        public IEnumerable<Operation> Operations()
        {
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                var shared = path.Value.TryGetProperty("parameters", out var sp) ? sp.EnumerateArray().ToList() : [];
                foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
                {
                    var parameters = shared.Concat(method.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : [])
                        .Select(p => Resolve(p))
                        .Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                            p.TryGetProperty("schema", out var s) ? s : default))
                        .Where(p => p.In is "path" or "query")
                        .ToList();
                    JsonElement? json = null;
                    var multipart = false;
                    if (method.Value.TryGetProperty("requestBody", out var rb) && Resolve(rb).TryGetProperty("content", out var content))
                    {
                        foreach (var c in content.EnumerateObject())
                        {
                            if (c.Name.Contains("json", StringComparison.Ordinal) && c.Value.TryGetProperty("schema", out var schema))
                            {
                                json = schema;
                            }

                            multipart |= c.Name.StartsWith("multipart/", StringComparison.Ordinal);
                        }
                    }

                    yield return new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, json, multipart);
                }
            }
        }

        public JsonElement Resolve(JsonElement element)
        {
            for (var i = 0; i < 10 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var r); i++)
            {
                var target = root;
                foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/'))
                {
                    target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }

                element = target;
            }

            return element;
        }

        public string? TypeOf(JsonElement schema)
        {
            schema = NonNull(Resolve(schema));
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (schema.TryGetProperty("type", out var t))
            {
                return t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null")
                    : t.GetString();
            }

            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        public string? FormatOf(JsonElement schema)
        {
            schema = NonNull(Resolve(schema));
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        }

        // A value a well-meaning client would send for the schema (ids random, dates plain, texts short).
        public JsonNode Plausible(JsonElement schema, int depth = 0)
        {
            var s = NonNull(Resolve(schema));
            if (s.ValueKind != JsonValueKind.Object)
            {
                return JsonValue.Create("x");
            }

            if (s.TryGetProperty("enum", out var e) && e.GetArrayLength() > 0)
            {
                return JsonNode.Parse(e[0].GetRawText())!;
            }

            switch (TypeOf(s))
            {
                case "integer":
                case "number":
                    return JsonValue.Create(1);
                case "boolean":
                    return JsonValue.Create(false);
                case "array":
                    return depth > 4 || !s.TryGetProperty("items", out var items) ? new JsonArray() : new JsonArray(Plausible(items, depth + 1));
                case "object":
                    var obj = new JsonObject();
                    if (depth <= 4 && s.TryGetProperty("properties", out var props))
                    {
                        foreach (var p in props.EnumerateObject())
                        {
                            obj[p.Name] = Plausible(p.Value, depth + 1);
                        }
                    }

                    return obj;
                default:
                    return FormatOf(s) switch
                    {
                        "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                        "date" => JsonValue.Create("2026-12-30"),
                        "date-time" => JsonValue.Create("2026-12-30T10:00:00Z"),
                        "int32" or "int64" => JsonValue.Create("1"),
                        _ => JsonValue.Create("x"),
                    };
            }
        }

        // Every leaf of a plausible body, with its path (property names and array indexes) and its kind.
        public static IEnumerable<(IReadOnlyList<object> Path, JsonValueKind Kind)> Leaves(JsonNode node, IReadOnlyList<object>? prefix = null)
        {
            prefix ??= [];
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o)
                    {
                        foreach (var leaf in child is null ? [] : Leaves(child, [.. prefix, name]))
                        {
                            yield return leaf;
                        }
                    }

                    break;
                case JsonArray a:
                    if (a.Count == 0 || a[0] is null)
                    {
                        yield return (prefix, JsonValueKind.Array);
                    }
                    else
                    {
                        foreach (var leaf in Leaves(a[0]!, [.. prefix, 0]))
                        {
                            yield return leaf;
                        }
                    }

                    break;
                default:
                    yield return (prefix, node.GetValueKind());
                    break;
            }
        }

        public static void Set(JsonNode root, IReadOnlyList<object> path, JsonNode? value)
        {
            if (path.Count == 0)
            {
                return;
            }

            var parent = root;
            foreach (var step in path.Take(path.Count - 1))
            {
                parent = step is int i ? parent[i]! : parent[(string)step]!;
            }

            if (path[^1] is int index)
            {
                parent[index] = value;
            }
            else
            {
                parent[(string)path[^1]] = value;
            }
        }

        private JsonElement NonNull(JsonElement schema)
        {
            foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(key, out var options))
                {
                    foreach (var option in options.EnumerateArray())
                    {
                        var resolved = Resolve(option);
                        if (!(resolved.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                        {
                            return resolved;
                        }
                    }
                }
            }

            return schema;
        }
    }
}
