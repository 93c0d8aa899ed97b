using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.Notification.Webhooks;
using EOffice.Testing;

namespace EOffice.Notification.Tests;

/// <summary>Webhooks on a platform that allows no internal network: loopback, where the receiver listens, is refused.</summary>
public sealed class WebhookAddressTests(StrictWebhookFixture f) : IClassFixture<StrictWebhookFixture>
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://[::1]:5101/internal/org/snapshot")]
    [InlineData("http://0.0.0.0:15672/api/users")]
    [InlineData("http://2130706433:5432/")]
    [InlineData("http://127.1:5101/internal/auth/verify-password")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("gopher://example.org/hook")]
    public async Task Registering_a_webhook_to_an_internal_address_in_any_spelling_is_refused_naming_url(string url)
    {
        using var admin = await f.As("admin@eoffice.local");
        var response = await admin.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "eoffice.letter-signed" }, secret = "sebuah-rahasia-panjang" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("url:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items").EnumerateArray(),
            w => w.GetProperty("url").GetString() == url);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_delivery_once_and_the_listener_gets_nothing()
    {
        using var admin = await f.As("admin@eoffice.local");
        var url = f.ReceiverUrl("/rebound").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var created = await admin.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "eoffice.letter-signed" }, secret = "rahasia-yang-dipantulkan" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode); // a name is judged where it is resolved
        var webhook = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await f.PublishAsync(new LetterSigned(Guid.CreateVersion7(), "000.1.2/11/DISKOMINFO/2026", new DateOnly(2026, 12, 1), Guid.Empty, Guid.Empty, DateTimeOffset.UtcNow));
        JsonElement delivery = default;
        await Eventually.HoldsAsync(async () =>
        {
            var log = await admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{webhook}/deliveries");
            delivery = log.GetProperty("items").EnumerateArray().FirstOrDefault();
            return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() != "Pending";
        }, "the delivery was decided");

        Assert.Equal("Failed", delivery.GetProperty("status").GetString());
        Assert.Equal(WebhookDeliverer.Refused, delivery.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastStatusCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        var attempt = Assert.Single(delivery.GetProperty("log").EnumerateArray());
        Assert.Equal(WebhookDeliverer.Refused, attempt.GetProperty("error").GetString());
        Assert.DoesNotContain(f.Hooks, h => h.Path == "/rebound");
    }

    [Fact]
    public async Task The_connection_goes_only_to_a_checked_address_so_a_refused_one_is_never_connected()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var strict = WebhookAddressRule.FromSettings([]);
            await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
                await WebhookConnections.ConnectAsync(strict, new DnsEndPoint("localhost", port), CancellationToken.None));
            await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
                await WebhookConnections.ConnectAsync(strict, new DnsEndPoint("127.0.0.1", port), CancellationToken.None));
            Assert.False(listener.Pending(), "nothing connected to the refused address");

            await using var stream = await WebhookConnections.ConnectAsync(WebhookAddressRule.FromSettings(["127.0.0.0/8"]),
                new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
            using var accepted = await listener.AcceptTcpClientAsync();
            Assert.True(accepted.Connected, "an allowed address is connected");
        }
        finally
        {
            listener.Stop();
        }
    }
}
