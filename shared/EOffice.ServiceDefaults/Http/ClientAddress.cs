using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// The address a request came from, for per-address limits. It is the connection's peer, unless
/// that peer is a trusted proxy (<c>ClientAddress:TrustedProxies</c>: addresses or CIDR networks,
/// comma-separated; the gateway on this machine by default), whose <c>X-Forwarded-For</c> is then
/// believed. The gateway replaces that header with the address it saw, so its last entry is taken;
/// anyone else's <c>X-Forwarded-For</c> is ignored.
/// </summary>
public sealed class ClientAddress
{
    /// <summary>The gateway on the same machine (the local install).</summary>
    public const string DefaultTrustedProxies = "127.0.0.0/8, ::1/128";

    private readonly IReadOnlyList<IPNetwork> _trusted;

    /// <summary>Trusting the given networks.</summary>
    public ClientAddress(string? trustedProxies)
    {
        _trusted = (trustedProxies ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Network).ToList();
    }

    /// <summary>From configuration.</summary>
    public static ClientAddress FromConfiguration(IConfiguration configuration) =>
        new(configuration["ClientAddress:TrustedProxies"] ?? DefaultTrustedProxies);

    /// <summary>The client's address as text ("unknown" when the transport gives none).</summary>
    public string Of(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress;
        if (peer is null)
        {
            return "unknown";
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        if (IsTrusted(peer)
            && http.Request.Headers["X-Forwarded-For"].ToString().Split(',').LastOrDefault()?.Trim() is { Length: > 0 } forwarded
            && IPAddress.TryParse(forwarded, out var client))
        {
            return (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        }

        return peer.ToString();
    }

    /// <summary>Whether an address is one whose forwarded header is believed.</summary>
    public bool IsTrusted(IPAddress address) => _trusted.Any(n => n.Contains(address));

    private static IPNetwork Network(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new InvalidOperationException(
            $"ClientAddress:TrustedProxies has '{text}', which is neither an address nor a CIDR network (e.g. 10.0.0.0/8).");
    }
}

/// <summary>Reading the client's address.</summary>
public static class ClientAddressExtensions
{
    /// <summary>The client's address (see <see cref="Http.ClientAddress"/>).</summary>
    public static string ClientAddress(this HttpContext http) =>
        http.RequestServices.GetRequiredService<ClientAddress>().Of(http);
}
