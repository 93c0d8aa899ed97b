using System.Net;
using System.Net.Sockets;

namespace EOffice.Notification.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: any public address, and an internal one (loopback, link-local,
/// unspecified, multicast, private, shared CGNAT, reserved) only when its network is in
/// <c>Webhooks:AllowedNetworks</c>. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64)
/// are judged by that IPv4 address. No I/O: delivery resolves names and asks about each address.
/// </summary>
public sealed class WebhookAddressRule
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network", 0.0.0.0 among it
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"), // shared address space (CGNAT)
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local, cloud metadata among it
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, broadcast among it
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("fec0::/10"), // site-local (deprecated, still routable inside some networks)
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>A rule that allows these internal networks besides every public address.</summary>
    public WebhookAddressRule(IEnumerable<IPNetwork> allowedNetworks) => AllowedNetworks = [.. allowedNetworks];

    /// <summary>The internal networks a city allowed (its own systems).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; }

    /// <summary>
    /// Reads <c>Webhooks:AllowedNetworks</c> (CIDRs such as <c>10.20.0.0/16</c>, each value possibly a
    /// comma-separated list; a bare address means just it). A value that is not a network stops the
    /// service at start rather than being ignored.
    /// </summary>
    public static WebhookAddressRule FromSettings(IEnumerable<string?> networks) => new(networks
        .SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Select(n => ParseNetwork(n) ?? throw new InvalidOperationException(
            $"Webhooks:AllowedNetworks: '{n}' is not a network in CIDR notation (such as 10.20.0.0/16 or fd00:1::/48).")));

    /// <summary>Whether a webhook may connect to this address.</summary>
    public bool IsAllowed(IPAddress address)
    {
        var judged = Embedded(address);
        if (!IsInternal(judged))
        {
            return true;
        }

        return AllowedNetworks.Any(n => n.Contains(judged) || n.Contains(address));
    }

    /// <summary>
    /// Whether a webhook URL may be registered: an absolute http(s) URL whose host, when it is an address
    /// in any spelling (<c>2130706433</c>, <c>127.1</c>, <c>0x7f.1</c>, <c>[::1]</c>), is allowed. Names
    /// are checked where they are resolved, at every delivery.
    /// </summary>
    public bool IsAllowedUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        return !IPAddress.TryParse(url.IdnHost, out var address) || IsAllowed(address);
    }

    private static bool IsInternal(IPAddress address) => Internal.Any(n => n.Contains(address));

    // The IPv4 address an IPv6 one stands for, if any (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d).
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if ((Ipv4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6None) && !address.Equals(IPAddress.IPv6Loopback))
            || Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }

    private static IPNetwork? ParseNetwork(string value)
    {
        if (IPNetwork.TryParse(value, out var network))
        {
            return network;
        }

        return !value.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(value, out var single)
            ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
