using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Directory;
using EOffice.Gateway;
using EOffice.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace EOffice.Gateway.Tests;

/// <summary>
/// The real gateway in front of a real Directory (over HTTP) and an echo service standing in for
/// the Archive cluster, so tests can see exactly what the gateway forwards.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string Issuer = "http://gateway.test";
    public const string Password = "Demo#2026";

    private TestDatabase _database = null!;
    private TestBroker _broker = null!;

    public ServiceFactory<DirectoryApp> Directory { get; } = new ServiceFactory<DirectoryApp>().UseRealServer();

    public ServiceFactory<GatewayApp> Gateway { get; } = new();

    public WebApplication Echo { get; private set; } = null!;

    /// <summary>Headers of every request the echo service received.</summary>
    public ConcurrentQueue<Dictionary<string, string>> EchoRequests { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    protected virtual int LoginPerMinute => 1000;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _broker = await TestBroker.CreateAsync();
        Directory.Settings["ConnectionStrings:Postgres"] = _database.ConnectionString;
        Directory.Settings["ConnectionStrings:RabbitMq"] = _broker.Uri;
        Directory.Settings["Auth:Issuer"] = Issuer;
        Directory.Settings["Logging:LogLevel:Default"] = "Warning";
        var directory = Directory.Address;

        Echo = await StartEchoAsync();
        var echo = Echo.Urls.First() + "/";

        Gateway.Settings["Auth:Issuer"] = Issuer;
        Gateway.Settings["Auth:MetadataAddress"] = directory + ".well-known/openid-configuration";
        Gateway.Settings["RateLimits:LoginPerMinute"] = LoginPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Gateway.Settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var service in GatewayModule.Services)
        {
            // Nothing listens on the discard port: those clusters are down.
            Gateway.Settings[$"ReverseProxy:Clusters:{service}:Destinations:d1:Address"] = "http://127.0.0.1:9/";
        }

        Gateway.Settings["ReverseProxy:Clusters:directory:Destinations:d1:Address"] = directory.ToString();
        Gateway.Settings["ReverseProxy:Clusters:archive:Destinations:d1:Address"] = echo;
        Client = Gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Directory.DisposeAsync();
        await Echo.StopAsync();
        await Echo.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<HttpResponseMessage> LoginAsync(string username, string password = Password) =>
        await Client.PostAsJsonAsync("/api/auth/login", new { username, password });

    public async Task<string> TokenAsync(string username)
    {
        var response = await LoginAsync(username);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<WebApplication> StartEchoAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Ok());
        app.Map("/{**path}", (HttpContext context) =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            EchoRequests.Enqueue(headers);
            return Results.Ok(headers);
        });
        await app.StartAsync();
        return app;
    }
}

/// <summary>The same platform with a tight sign-in limit.</summary>
public sealed class TightLoginLimitFixture : GatewayFixture
{
    protected override int LoginPerMinute => 3;
}
