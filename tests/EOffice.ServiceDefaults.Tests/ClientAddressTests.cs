using System.Net;
using EOffice.ServiceDefaults.Http;

namespace EOffice.ServiceDefaults.Tests;

public sealed class ClientAddressTests
{
    private static HttpContext Request(string peer, string? forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.7", "203.0.113.7")] // the gateway on this machine
    [InlineData("::ffff:127.0.0.1", "203.0.113.7", "203.0.113.7")]
    [InlineData("10.1.2.3", "198.51.100.1, 203.0.113.7", "203.0.113.7")] // the entry the gateway added is the last
    [InlineData("10.1.2.3", "not-an-address", "10.1.2.3")]
    [InlineData("10.1.2.3", null, "10.1.2.3")]
    [InlineData("192.0.2.9", "203.0.113.7", "192.0.2.9")] // anyone else: the header is ignored
    public void The_client_is_the_peer_unless_a_trusted_proxy_forwarded_the_request(string peer, string? forwardedFor, string expected)
    {
        var addresses = new ClientAddress("127.0.0.0/8, ::1, 10.0.0.0/8");

        Assert.Equal(expected, addresses.Of(Request(peer, forwardedFor)));
    }

    [Fact]
    public void By_default_only_the_gateway_on_this_machine_is_trusted()
    {
        var addresses = ClientAddress.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal("203.0.113.7", addresses.Of(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("10.1.2.3", addresses.Of(Request("10.1.2.3", "203.0.113.7")));
    }

    [Fact]
    public void A_trusted_proxy_setting_that_is_no_address_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ClientAddress("gateway.local"));

        Assert.Contains("ClientAddress:TrustedProxies", error.Message, StringComparison.Ordinal);
    }
}
