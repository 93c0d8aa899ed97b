using System.Text.Json;

namespace EOffice.Testing;

/// <summary>One operation of an OpenAPI document: its path and (upper-case) method.</summary>
public sealed record OpenApiOperation(string Path, string Method);

/// <summary>
/// What every EOffice OpenAPI document promises its clients: each operation has a summary, a success
/// response that says what comes back (a schema, or 204 No Content), the problem responses its group
/// declares (as problem details), and no response shaped by an anonymous type (a name no client can use).
/// </summary>
public static class OpenApiContract
{
    /// <summary>The problems a signed-in API declares on every operation.</summary>
    public static readonly int[] SignedIn = [400, 401, 403, 404, 409];

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>Fetches <c>/openapi/v1.json</c> from <paramref name="client"/>.</summary>
    public static async Task<JsonElement> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Every operation in the document.</summary>
    public static IEnumerable<(OpenApiOperation Operation, JsonElement Body)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name, StringComparer.Ordinal)))
            {
                yield return (new OpenApiOperation(path.Name, method.Name.ToUpperInvariant()), method.Value);
            }
        }
    }

    /// <summary>
    /// Every broken promise of the document, in words (empty when it keeps them all). <paramref name="problems"/> gives the
    /// statuses an operation's group declares; each must be in the document with a schema.
    /// </summary>
    public static IReadOnlyList<string> Violations(JsonElement document, Func<OpenApiOperation, IEnumerable<int>> problems)
    {
        var violations = new List<string>();
        foreach (var (op, body) in Operations(document))
        {
            var name = $"{op.Method} {op.Path}";
            if (!body.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                violations.Add($"{name}: no summary");
            }

            var responses = body.TryGetProperty("responses", out var r)
                ? r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
                : [];
            if (!responses.Any(p => p.Key.StartsWith('2') && (p.Key == "204" || HasSchema(p.Value))))
            {
                violations.Add($"{name}: no success response with a schema (or 204 No Content); has {string.Join(", ", responses.Keys)}");
            }

            foreach (var status in problems(op))
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!responses.TryGetValue(key, out var problem) || !HasSchema(problem))
                {
                    violations.Add($"{name}: the {key} its group declares is missing or has no schema");
                }
            }

            foreach (var (status, response) in responses.Where(p => p.Key[0] is '4' or '5'))
            {
                if (response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    && !(media.TryGetProperty("schema", out var schema) && Ref(schema) is "ProblemDetails" or "HttpValidationProblemDetails"))
                {
                    violations.Add($"{name}: the problem response {status} is not problem details");
                }
            }
        }

        foreach (var schema in document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s.EnumerateObject() : default)
        {
            if (schema.Name.Contains("Anonymous", StringComparison.OrdinalIgnoreCase) || schema.Name.Contains('<', StringComparison.Ordinal))
            {
                violations.Add($"schema {schema.Name}: an anonymous type (name the response record)");
            }
        }

        return violations;
    }

    // A response whose every content type has a schema.
    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any()
        && content.EnumerateObject().All(m => m.Value.TryGetProperty("schema", out _));

    private static string? Ref(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r) ? r.GetString()?.Split('/')[^1] : null;
}
