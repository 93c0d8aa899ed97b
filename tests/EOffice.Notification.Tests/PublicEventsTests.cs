using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Notification.Tests;

public sealed class PublicEventsTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    [Fact]
    public async Task A_webhook_cannot_subscribe_to_an_internal_exchange()
    {
        using var admin = await f.As("admin@eoffice.local");

        var response = await admin.PostAsJsonAsync("/api/webhooks",
            new { url = f.ReceiverUrl("/internal"), events = new[] { "eoffice.internal.letter-content" }, secret = "a-long-enough-secret-for-hmac" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("events")[0].GetString();
        Assert.Contains("eoffice.letter-sent", message, StringComparison.Ordinal);
        Assert.DoesNotContain("eoffice.internal.", message, StringComparison.Ordinal);
    }
}
