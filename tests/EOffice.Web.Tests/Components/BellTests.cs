using System.Net;
using Bunit;
using EOffice.Web.Components;
using EOffice.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

public sealed class BellTests : AppContext
{
    public BellTests() =>
        Api.On(HttpMethod.Get, "/api/notifications/unread-count", HttpStatusCode.OK, """{"count":3}""")
            .On(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, """{"items":[],"next":null}""");

    [Fact]
    public async Task The_bell_shows_the_unread_count_and_counts_live_events()
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<NotificationBell>(1);
            b.CloseComponent();
        });
        var notifications = Services.GetRequiredService<Notifications>();
        await host.InvokeAsync(notifications.StartAsync);

        host.WaitForAssertion(() => Assert.Equal("3", host.Find(".mud-badge").TextContent.Trim()));
        Assert.NotNull(host.Find("button[aria-label=Notifikasi]"));

        var received = new List<string>();
        notifications.Received += n => received.Add(n.Title);
        Api.On(HttpMethod.Get, "/api/notifications/unread-count", HttpStatusCode.OK, """{"count":4}""");
        await host.InvokeAsync(() => notifications.OnNotification(
            """{"id":"0196f1d2-0000-7000-8000-0000000000bb","seq":4,"kind":"letter-received","title":"Surat masuk baru","body":"b","link":"/letters/x","createdAt":"2026-12-02T01:00:00Z"}"""));
        Assert.Equal(["Surat masuk baru"], received);
        Assert.Equal("/surat/x", Notifications.Route("/letters/x"));
    }
}
