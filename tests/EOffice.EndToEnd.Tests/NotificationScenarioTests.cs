using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EOffice.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Notification's "done when" scenario through the gateway only: with a browser-style SSE connection
/// open for the addressee, sending a letter makes a notification appear on the stream; the unread
/// count goes up and down as it is read; a webhook registered to eoffice.letter-sent receives a
/// correctly signed delivery.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationScenarioTests(PlatformFixture platform)
{
    [Fact]
    public async Task Sending_a_letter_notifies_the_addressee_live_and_a_signed_webhook_reaches_a_city_system()
    {
        var hooks = new ConcurrentQueue<(string Signature, string Body)>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            hooks.Enqueue((context.Request.Headers["X-EOffice-Signature"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await receiver.StartAsync();

        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        const string secret = "city-systems-shared-secret-2026";
        var webhook = await admin.PostJsonAsync("/api/webhooks", new { url = receiver.Urls.First() + "/hook", events = new[] { "eoffice.letter-sent" }, secret });
        Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local"));
        using var signer = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        using var addressee = platform.As(await platform.LoginAsync("wahyu.setiawan@eoffice.local"));
        async Task<int> Unread() => (await addressee.GetJsonAsync("/api/notifications/unread-count")).GetProperty("count").GetInt32();
        var before = await Unread();

        // The addressee's browser keeps a server-sent events connection open through the gateway.
        using var sse = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/stream");
        stream.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await addressee.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead, sse.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(sse.Token));
        Assert.Equal("retry: 3000", await reader.ReadLineAsync(sse.Token));

        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Nota Dinas",
            subject = "Usulan kenaikan pangkat pranata komputer",
            summary = "Usulan",
            body = "Mohon diproses.",
            classificationCode = "800.2",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = positions["Kepala Bidang Mutasi dan Promosi"] } },
            reviewers = Array.Empty<Guid>(),
            signerPositionId = positions["Kepala Bidang Aplikasi Informatika"],
        });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);

        string? data = null;
        while (data is null && await reader.ReadLineAsync(sse.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(id.ToString(), StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        var notification = JsonDocument.Parse(data!).RootElement;
        Assert.Equal("Naskah masuk: Usulan kenaikan pangkat pranata komputer", notification.Text("title"));
        Assert.Equal(before + 1, await Unread());
        Assert.Equal(HttpStatusCode.OK, (await addressee.PostJsonAsync($"/api/notifications/{notification.Text("id")}/read", new { })).StatusCode);
        Assert.Equal(before, await Unread());

        await Eventually.HoldsAsync(() => Task.FromResult(hooks.Any(h => h.Body.Contains(id.ToString(), StringComparison.Ordinal))),
            "the city system's webhook received the letter-sent event", TimeSpan.FromSeconds(20));
        var hook = hooks.First(h => h.Body.Contains(id.ToString(), StringComparison.Ordinal));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(hook.Body)));
        Assert.Equal(expected, hook.Signature);
        Assert.Equal("eoffice.letter-sent", JsonDocument.Parse(hook.Body).RootElement.Text("event"));
    }
}
