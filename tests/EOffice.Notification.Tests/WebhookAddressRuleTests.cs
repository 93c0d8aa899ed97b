using System.Net;
using EOffice.Notification.Webhooks;

namespace EOffice.Notification.Tests;

public sealed class WebhookAddressRuleTests
{
    private static readonly WebhookAddressRule NothingAllowed = WebhookAddressRule.FromSettings([]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("10.20.30.40")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("febf:ffff::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::ffff:172.16.5.4")]
    [InlineData("::ffff:100.64.0.1")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::ffff:224.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void Internal_addresses_are_refused_when_no_network_is_allowed(string address) =>
        Assert.False(NothingAllowed.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("203.0.113.10")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(NothingAllowed.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.20.0.1", true)]
    [InlineData("10.20.255.254", true)]
    [InlineData("::ffff:10.20.1.2", true)]
    [InlineData("10.21.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fd00:1::5", true)]
    [InlineData("fd00:2::5", false)]
    public void An_allowed_network_opens_only_itself(string address, bool allowed)
    {
        var rule = WebhookAddressRule.FromSettings(["10.20.0.0/16", "fd00:1::/32"]);
        Assert.Equal(allowed, rule.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowing_ipv4_loopback_allows_its_mapped_form_but_not_ipv6_loopback()
    {
        var rule = WebhookAddressRule.FromSettings(["127.0.0.0/8"]);
        Assert.True(rule.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(rule.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(rule.IsAllowed(IPAddress.Parse("::1")));
        Assert.False(rule.IsAllowed(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void A_bare_address_allows_just_it()
    {
        var rule = WebhookAddressRule.FromSettings(["192.168.10.5", " ", null]);
        Assert.True(rule.IsAllowed(IPAddress.Parse("192.168.10.5")));
        Assert.False(rule.IsAllowed(IPAddress.Parse("192.168.10.6")));
    }

    [Fact]
    public void One_setting_may_list_several_networks_separated_by_commas()
    {
        var rule = WebhookAddressRule.FromSettings(["10.20.0.0/16, 192.168.5.0/24", ""]);
        Assert.True(rule.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.True(rule.IsAllowed(IPAddress.Parse("192.168.5.9")));
        Assert.False(rule.IsAllowed(IPAddress.Parse("192.168.6.9")));
    }

    [Fact]
    public void A_setting_that_is_not_a_network_stops_the_service_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => WebhookAddressRule.FromSettings(["10.20.0.0/16", "kantor-walikota"]));
        Assert.Contains("Webhooks:AllowedNetworks", ex.Message, StringComparison.Ordinal);
        Assert.Contains("kantor-walikota", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("http://[fe80::1%25eth0]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@example.org/hook")]
    public void Urls_of_internal_addresses_in_any_spelling_and_other_schemes_are_refused(string url) =>
        Assert.False(NothingAllowed.IsAllowedUrl(new Uri(url)));

    [Theory]
    [InlineData("https://sistem.depok.go.id/eoffice/hook")]
    [InlineData("http://203.0.113.10:8080/hook")]
    [InlineData("http://localhost:8080/hook")] // a name: judged when it is resolved, at delivery
    public void Urls_of_public_addresses_and_names_are_accepted(string url) =>
        Assert.True(NothingAllowed.IsAllowedUrl(new Uri(url)));

    [Fact]
    public void An_allowed_network_lets_its_urls_in_whatever_the_spelling()
    {
        var rule = WebhookAddressRule.FromSettings(["127.0.0.0/8"]);
        Assert.True(rule.IsAllowedUrl(new Uri("http://2130706433:8080/hook")));
        Assert.True(rule.IsAllowedUrl(new Uri("http://[::ffff:127.0.0.1]:8080/hook")));
        Assert.False(rule.IsAllowedUrl(new Uri("http://[::1]:8080/hook")));
    }
}
