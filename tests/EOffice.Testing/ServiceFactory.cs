using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
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
    }
}
