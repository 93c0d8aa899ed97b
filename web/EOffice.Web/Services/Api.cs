using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Web.Services;

/// <summary>The REST API of the gateway: JSON in and out, problems as <see cref="ApiException"/>.</summary>
public sealed class Api(HttpClient http)
{
    /// <summary>JSON as the API writes it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The client (for uploads and links).</summary>
    public HttpClient Http => http;

    /// <summary>GET a JSON document.</summary>
    public async Task<T> GetAsync<T>(string url, CancellationToken ct = default) =>
        (await SendAsync<T>(HttpMethod.Get, url, null, null, ct)).Value;

    /// <summary>POST JSON (or nothing), read JSON (or nothing).</summary>
    public async Task<T> PostAsync<T>(string url, object? body = null, CancellationToken ct = default) =>
        (await SendAsync<T>(HttpMethod.Post, url, body, null, ct)).Value;

    /// <summary>POST with no answer body read.</summary>
    public Task PostAsync(string url, object? body = null, CancellationToken ct = default) =>
        SendAsync<object?>(HttpMethod.Post, url, body, null, ct);

    /// <summary>Sends a request; returns the body and the ETag.</summary>
    public async Task<(T Value, string? ETag)> SendAsync<T>(HttpMethod method, string url, object? body, string? ifMatch, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            throw new ApiException(new Problem(0, null, null, "offline", null));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException(await ReadProblemAsync(response, ct));
            }

            var etag = response.Headers.ETag?.ToString();
            if (typeof(T) == typeof(object) || response.Content.Headers.ContentLength == 0 || response.StatusCode == System.Net.HttpStatusCode.NoContent)
            {
                return (default!, etag);
            }

            var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return (value!, etag);
        }
    }

    /// <summary>Reads a problem document, or makes one from the status.</summary>
    public static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!string.IsNullOrWhiteSpace(text))
            {
                var p = JsonSerializer.Deserialize<Problem>(text, Json);
                if (p is not null)
                {
                    return p with { Status = status };
                }
            }
        }
        catch (JsonException)
        {
            // not a problem document
        }

        return new Problem(status, response.ReasonPhrase, null, null, null);
    }

    /// <summary>Escapes a query value.</summary>
    public static string Q(string? value) => Uri.EscapeDataString(value ?? "");
}
