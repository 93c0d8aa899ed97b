using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Testing;

/// <summary>
/// Hosts one real service (its own Program) for a test, with settings given per instance
/// (database, broker, auth). With <see cref="UseRealServer"/> it listens on a loopback port, so
/// the gateway or another process can reach it over HTTP.
/// </summary>
public sealed class ServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private bool _realServer;

    /// <summary>Configuration keys and values, e.g. <c>ConnectionStrings:Postgres</c>.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// For the in-memory server (whose requests have no peer address): the address every request's
    /// connection seems to come from, e.g. a gateway trusted through <c>ClientAddress:TrustedProxies</c>.
    /// </summary>
    public System.Net.IPAddress? PeerAddress { get; set; }

    /// <summary>The service's clock, when a test moves time (set before first use); else the real one.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Listen on a real loopback port (call before first use).</summary>
    public ServiceFactory<TEntryPoint> UseRealServer()
    {
        _realServer = true;
        UseKestrel(0);
        return this;
    }

    /// <summary>The base address of the real server.</summary>
    public Uri Address
    {
        get
        {
            if (!_realServer)
            {
                throw new InvalidOperationException("Call UseRealServer() first.");
            }

            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_realServer)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

        if (Time is { } time)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(time));
        }

        if (PeerAddress is { } peer)
        {
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddressFilter(peer)));
        }
    }
}

/// <summary>Gives every request of the in-memory server a connection peer address.</summary>
internal sealed class PeerAddressFilter(System.Net.IPAddress peer) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= peer;
            return nextMiddleware(context);
        });
        next(app);
    };
}
