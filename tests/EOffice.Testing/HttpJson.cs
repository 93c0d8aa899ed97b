using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Testing;

/// <summary>Reading JSON answers of the API.</summary>
public static class HttpJson
{
    /// <summary>The body as JSON (an undefined element when the body is empty).</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>GETs <paramref name="path"/>, requires 200 and returns the JSON body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.ReadJsonAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return body;
    }

    /// <summary>POSTs <paramref name="value"/> as JSON to <paramref name="path"/>.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T value) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), value);

    /// <summary>The string property <paramref name="name"/> of <paramref name="element"/>.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Every unit of an org tree (<c>GET /api/org/units</c>), depth first.</summary>
    public static IEnumerable<JsonElement> Units(JsonElement roots)
    {
        var pending = new Stack<JsonElement>(roots.EnumerateArray().Reverse());
        while (pending.Count > 0)
        {
            var unit = pending.Pop();
            yield return unit;
            if (unit.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray().Reverse())
                {
                    pending.Push(child);
                }
            }
        }
    }
}
