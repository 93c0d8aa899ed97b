using System.Net;
using Bunit;
using EOffice.Web.Components;
using EOffice.Web.Pages.Admin;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The profile's email preferences and the admin's "Buka kunci akun".</summary>
public sealed class PreferencesAndUnlockTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private static readonly Guid Locked = Guid.Parse("0196f1d2-0000-7000-8000-0000000000b1");

    public PreferencesAndUnlockTests() =>
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
                $$"""{"user":{"id":"{{Me}}","name":"Admin","nip":"1","positionId":null,"roles":["staff","admin"]},"expiresAt":null}""")
            .On(HttpMethod.Get, "/api/auth/me", HttpStatusCode.OK,
                $$"""{"id":"{{Me}}","name":"Admin","nip":"1","positionId":null,"roles":["staff","admin"],"acting":[]}""");

    [Fact]
    public async Task Each_kind_of_notice_is_named_in_Indonesian_and_switching_one_sends_only_that_kind()
    {
        Api.On(HttpMethod.Get, "/api/notification-preferences", HttpStatusCode.OK,
                """{"items":[{"kind":"letter-received","inApp":true,"email":false},{"kind":"disposition-overdue","inApp":true,"email":true}],"next":null}""")
            .On(HttpMethod.Put, "/api/notification-preferences", HttpStatusCode.OK,
                """{"items":[{"kind":"letter-received","inApp":true,"email":true},{"kind":"disposition-overdue","inApp":true,"email":true}],"next":null}""");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<NotificationPreferences>(1);
            b.CloseComponent();
        });

        host.WaitForAssertion(() => Assert.Contains("Surat masuk", host.Markup, StringComparison.Ordinal));
        Assert.Contains("Disposisi melewati batas waktu", host.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("letter-received", host.Find("#notification-preferences").TextContent, StringComparison.Ordinal);

        await host.Find("[data-kind=letter-received] input").ChangeAsync(new() { Value = true });

        host.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Put));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Body!;
        Assert.Equal("""[{"kind":"letter-received","email":true}]""", body);
    }

    [Fact]
    public async Task An_admin_unlocks_a_locked_account_from_the_users_page()
    {
        Api.On(HttpMethod.Get, "/api/org/users", HttpStatusCode.OK, $$"""
                {"items":[{"id":"{{Locked}}","nip":"198801012012011001","name":"Dewi Lestari","email":"dewi@eoffice.local","phone":null,
                  "positionId":null,"positionTitle":null,"unitId":null,"unitName":null,"roles":["staff"],"active":true,"nik":null}],"next":null}
                """)
            .On(HttpMethod.Post, $"/api/org/users/{Locked}/unlock", HttpStatusCode.NoContent, "");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(1);
            b.CloseComponent();
            b.OpenComponent<Users>(2);
            b.CloseComponent();
        });

        host.WaitForAssertion(() => Assert.Contains("Dewi Lestari", host.Markup, StringComparison.Ordinal));
        await host.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Buka kunci akun Dewi Lestari").ClickAsync(new());

        host.WaitForAssertion(() => Assert.Contains(Api.Received, r => r.Request.Method == HttpMethod.Post && r.Request.RequestUri!.AbsolutePath == $"/api/org/users/{Locked}/unlock"));
        host.WaitForAssertion(() => Assert.Contains("dapat dipakai masuk lagi", host.Markup, StringComparison.Ordinal));
    }
}
