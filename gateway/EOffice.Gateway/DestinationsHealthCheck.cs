using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace EOffice.Gateway;

/// <summary>
/// Readiness of the gateway: each cluster's destinations as YARP's active health checks see them.
/// A required cluster (<c>Gateway:RequiredClusters</c>; Directory, at least, since nobody can sign in
/// without it) with no healthy destination makes the gateway unready; any other one degrades it.
/// </summary>
internal sealed class DestinationsHealthCheck(IProxyStateLookup proxy, IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var required = configuration.GetSection("Gateway:RequiredClusters").Get<string[]>() ?? ["directory"];
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var status = HealthStatus.Healthy;
        foreach (var cluster in proxy.GetClusters())
        {
            var destinations = cluster.Destinations.Values.ToList();
            var healthy = destinations.Count(d => d.Health.Active == DestinationHealth.Healthy);
            data[cluster.ClusterId] = new
            {
                healthy,
                total = destinations.Count,
                destinations = destinations.ToDictionary(d => d.DestinationId, d => d.Health.Active.ToString()),
            };
            if (healthy == 0)
            {
                var clusterStatus = required.Contains(cluster.ClusterId, StringComparer.OrdinalIgnoreCase) ? HealthStatus.Unhealthy : HealthStatus.Degraded;
                status = (HealthStatus)Math.Min((int)status, (int)clusterStatus);
            }
        }

        return Task.FromResult(new HealthCheckResult(status, "Destinations by cluster.", data: data));
    }
}
