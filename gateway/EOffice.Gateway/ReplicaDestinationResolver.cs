using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace EOffice.Gateway;

/// <summary>
/// One destination per address DNS gives for a destination's host name (every compose replica or
/// headless-Service pod), re-resolved every <c>Gateway:DnsRefreshPeriod</c> (10 s by default), so
/// the gateway spreads load over replicas as they come and go. A name that does not resolve yet is
/// kept as configured, so the gateway still starts and its health checks report the service down.
/// </summary>
public sealed partial class ReplicaDestinationResolver(IConfiguration configuration, ILogger<ReplicaDestinationResolver> logger)
    : IDestinationResolver
{
    /// <inheritdoc />
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, destination) in destinations)
        {
            var uri = new Uri(destination.Address);
            IPAddress[] addresses = [];
            if (uri.HostNameType == UriHostNameType.Dns && uri.DnsSafeHost != "localhost")
            {
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
                }
                catch (SocketException ex)
                {
                    LogUnresolved(logger, uri.DnsSafeHost, ex.Message);
                }
            }

            var ipv4 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray();
            var replicas = (ipv4.Length > 0 ? ipv4 : addresses).Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
            if (replicas.Count == 0)
            {
                resolved[id] = destination;
                continue;
            }

            foreach (var address in replicas)
            {
                var replica = new UriBuilder(uri) { Host = address.ToString() }.Uri;
                resolved[$"{id}@{address}"] = destination with { Address = replica.ToString(), Host = destination.Host ?? uri.Authority };
            }
        }

        var period = configuration.GetValue("Gateway:DnsRefreshPeriod", TimeSpan.FromSeconds(10));
        var change = period > TimeSpan.Zero ? new CancellationChangeToken(new CancellationTokenSource(period).Token) : null;
        return new ResolvedDestinationCollection(resolved, change);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway: {Host} does not resolve yet ({Reason}); keeping it as configured")]
    private static partial void LogUnresolved(ILogger logger, string host, string reason);
}
