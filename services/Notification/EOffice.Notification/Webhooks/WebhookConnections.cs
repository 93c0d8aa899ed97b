using System.Net;
using System.Net.Sockets;

namespace EOffice.Notification.Webhooks;

/// <summary>A webhook's host resolved only to addresses it may not reach.</summary>
public sealed class WebhookAddressRefusedException(string host)
    : IOException($"refused: address not allowed ({host})");

/// <summary>
/// The HTTP handler webhooks are sent through. It resolves the host itself, keeps only the addresses
/// the <see cref="WebhookAddressRule"/> allows and connects to one of those very addresses, so a name
/// that resolves differently a moment later (DNS rebinding) cannot slip between check and connect.
/// Redirects are never followed and no proxy is used (a proxy would connect on our behalf, unchecked).
/// </summary>
public static class WebhookConnections
{
    /// <summary>The primary handler of the webhook client.</summary>
    public static SocketsHttpHandler CreateHandler(WebhookAddressRule rule) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(rule, context.DnsEndPoint, ct),
    };

    /// <summary>Resolves, checks every address and connects to the first allowed one that answers.</summary>
    public static async ValueTask<Stream> ConnectAsync(WebhookAddressRule rule, DnsEndPoint endPoint, CancellationToken ct)
    {
        var host = endPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(rule.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new WebhookAddressRefusedException(endPoint.Host);
        }

        SocketException? last = null;
        foreach (var address in allowed.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>Whether a failed send was refused for its address (anywhere in the exception chain).</summary>
    public static bool IsRefused(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
