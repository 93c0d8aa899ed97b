using System.Net.Http.Json;

namespace EOffice.Testing;

/// <summary>A throwaway RabbitMQ virtual host, so test runs never see each other's messages.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly HttpClient _management;

    private TestBroker(HttpClient management, string vhost, string uri)
    {
        _management = management;
        VirtualHost = vhost;
        Uri = uri;
    }

    /// <summary>The virtual host name.</summary>
    public string VirtualHost { get; }

    /// <summary>An amqp URI to it.</summary>
    public string Uri { get; }

    /// <summary>Creates a fresh virtual host with full rights for the test user.</summary>
    public static async Task<TestBroker> CreateAsync()
    {
        var env = await TestEnvironment.GetAsync();
        var vhost = "eoffice_t_" + Guid.NewGuid().ToString("N")[..12];
        var management = env.ManagementClient();
        (await management.PutAsJsonAsync($"/api/vhosts/{vhost}", new { })).EnsureSuccessStatusCode();
        var amqp = new UriBuilder(env.RabbitMq) { Path = "/" + vhost };
        var user = System.Uri.UnescapeDataString(amqp.UserName.Length > 0 ? amqp.UserName : "guest");
        (await management.PutAsJsonAsync($"/api/permissions/{vhost}/{System.Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new TestBroker(management, vhost, amqp.Uri.ToString());
    }

    /// <summary>The same virtual host reached through another host and port (e.g. a <see cref="TcpProxy"/>).</summary>
    public string Via(int port)
    {
        var uri = new UriBuilder(Uri) { Host = "127.0.0.1", Port = port };
        return uri.Uri.ToString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _management.DeleteAsync($"/api/vhosts/{VirtualHost}");
        _management.Dispose();
    }
}
