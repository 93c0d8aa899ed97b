using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// The web app's sessions at the gateway: the browser holds only an HttpOnly, SameSite=Strict cookie; the gateway
/// keeps the tokens, refreshes them and puts them on proxied calls; unsafe cookie requests need the anti-forgery
/// header; bearer clients are unchanged. (The platform refreshes a session's token once it is 20 s old.)
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebSessionTests(PlatformFixture platform) : IDisposable
{
    private const string Staff = "fajar.nugroho@eoffice.local";
    private const string Other = "admin@eoffice.local";
    private static readonly TimeSpan PastRefresh = TimeSpan.FromSeconds(22);

    // No cookie container: each test holds the cookie itself, as a browser tab would, to replay old ones.
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = platform.GatewayAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_and_gives_the_browser_no_token()
    {
        using var response = await LoginAsync(Staff);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("eoffice_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("accessToken", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("refreshToken", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Fajar Nugroho", body.RootElement.GetProperty("user").GetProperty("name").GetString());
        // The web app shows times in the city's zone (City:TimeZone, WIB by default).
        Assert.Equal("Asia/Jakarta", body.RootElement.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task The_cookie_alone_reaches_every_service_and_the_session_names_the_user()
    {
        var cookie = await SignInAsync(Staff);

        using var session = await SendAsync(HttpMethod.Get, "/api/session", cookie);
        using var me = await SendAsync(HttpMethod.Get, "/api/auth/me", cookie);
        using var inbox = await SendAsync(HttpMethod.Get, "/api/mailbox/inbox", cookie);
        using var dispositions = await SendAsync(HttpMethod.Get, "/api/dispositions", cookie);
        using var records = await SendAsync(HttpMethod.Get, "/api/records", cookie);
        using var notifications = await SendAsync(HttpMethod.Get, "/api/notifications/unread-count", cookie);
        using var none = await SendAsync(HttpMethod.Get, "/api/session", cookie: null);

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("Fajar Nugroho", (await session.ReadJsonAsync()).GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("Fajar Nugroho", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        Assert.All(new[] { inbox, dispositions, records, notifications }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task A_cookie_request_that_changes_something_needs_the_anti_forgery_header()
    {
        var cookie = await SignInAsync(Staff);
        var before = await CountDraftsAsync(cookie);
        var draft = await DraftAsync(cookie);

        using var forged = await SendAsync(HttpMethod.Post, "/api/letters", cookie, draft, antiForgery: false);
        var problem = await forged.ReadJsonAsync();
        using var forgedLogin = await SendAsync(HttpMethod.Post, "/api/session/login", null,
            new { username = Staff, password = PlatformFixture.DemoPassword }, antiForgery: false);
        using var forgedLogout = await SendAsync(HttpMethod.Post, "/api/session/logout", cookie, antiForgery: false);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("anti-forgery-header-missing", problem.GetProperty("code").GetString());
        Assert.Equal(before, await CountDraftsAsync(cookie));
        Assert.Equal(HttpStatusCode.Forbidden, forgedLogin.StatusCode);
        Assert.False(forgedLogin.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Forbidden, forgedLogout.StatusCode);

        using var real = await SendAsync(HttpMethod.Post, "/api/letters", cookie, draft);
        Assert.True(real.StatusCode == HttpStatusCode.Created, await real.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await CountDraftsAsync(cookie));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_as_directory_words_it_and_sets_no_cookie()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/session/login", null, new { username = Staff, password = "salah-sekali" });
        var problem = await response.ReadJsonAsync();
        using var missing = await SendAsync(HttpMethod.Post, "/api/session/login", null, new { username = Staff });
        var missingProblem = await missing.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid-credentials", problem.GetProperty("code").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(missingProblem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_bearer_token_wins_over_a_cookie_and_bearer_clients_are_unchanged()
    {
        var cookie = await SignInAsync(Staff);
        var token = await platform.LoginAsync(Other);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Cookie", cookie);
        using var both = await _client.SendAsync(request);

        // A bearer client that also carries a cookie (a browser extension, a shared cookie jar) changes things
        // without the anti-forgery header: the cookie is not what signs it in.
        var staffToken = await platform.LoginAsync(Staff);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/letters") { Content = JsonContent.Create(await DraftAsync(cookie)) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        create.Headers.Add("Cookie", cookie);
        using var created = await _client.SendAsync(create);

        Assert.Equal("Administrator EOffice", (await both.ReadJsonAsync()).GetProperty("name").GetString());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_gateway_refreshes_the_token_once_even_when_requests_come_together_with_the_old_cookie()
    {
        var cookie = await SignInAsync(Staff);
        await Task.Delay(PastRefresh);

        // A page load: several requests at once, all with the cookie from before the refresh.
        var together = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(HttpMethod.Get, "/api/mailbox/inbox", cookie)));
        var renewed = together.Select(r => r.Headers.TryGetValues("Set-Cookie", out var v) ? v.First() : null).FirstOrDefault(v => v is not null);
        Assert.All(together, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.NotNull(renewed);
        foreach (var r in together)
        {
            r.Dispose();
        }

        var next = renewed!.Split(';')[0];
        Assert.NotEqual(cookie, next);
        using var withNew = await SendAsync(HttpMethod.Get, "/api/session", next);
        using var withOldAgain = await SendAsync(HttpMethod.Get, "/api/mailbox/inbox", cookie);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOldAgain.StatusCode);

        // Directory saw one refresh, not six: a second use of a refresh token would have ended every session of the user.
        using var stillFine = await SendAsync(HttpMethod.Get, "/api/auth/me", next);
        Assert.Equal(HttpStatusCode.OK, stillFine.StatusCode);
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_ends_the_session_at_directory()
    {
        var cookie = await SignInAsync(Staff);

        using var logout = await SendAsync(HttpMethod.Post, "/api/session/logout", cookie);
        var cleared = Assert.Single(logout.Headers.GetValues("Set-Cookie"));

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);

        // A copy of the old cookie cannot outlive its access token: the refresh token is revoked.
        await Task.Delay(PastRefresh);
        using var replay = await SendAsync(HttpMethod.Get, "/api/mailbox/inbox", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task The_web_app_is_served_at_the_root_and_its_routes_survive_a_reload_but_api_paths_do_not()
    {
        using var root = await _client.GetAsync(new Uri("/", UriKind.Relative));
        using var deep = await _client.GetAsync(new Uri("/surat/0195f5c1-0000-7000-8000-000000000000", UriKind.Relative));
        using var unknownApi = await _client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        using var verify = await _client.GetAsync(new Uri("/verify/NOSUCHCODE00", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("_framework/blazor.webassembly", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deep.StatusCode);
        Assert.Equal(await root.Content.ReadAsStringAsync(), await deep.Content.ReadAsStringAsync());
        Assert.NotEqual("text/html", unknownApi.Content.Headers.ContentType?.MediaType);
        Assert.True(unknownApi.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized);
        // Verification stays the service's: its own answer, not the app's page.
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.NotEqual("text/html", verify.Content.Headers.ContentType?.MediaType);
    }

    private async Task<object> DraftAsync(string cookie)
    {
        using var found = await SendAsync(HttpMethod.Get, "/api/org/positions?q=Kepala%20Bidang%20Aplikasi%20Informatika", cookie);
        var signer = (await found.ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("title").GetString() == "Kepala Bidang Aplikasi Informatika").GetProperty("id").GetGuid();
        return Draft(signer);
    }

    private static object Draft(Guid? signer = null) => new
    {
        type = "Surat Dinas",
        subject = "Uji sesi web",
        summary = "Uji",
        body = "Isi",
        classificationCode = "800.1",
        security = "Biasa",
        urgency = "Biasa",
        to = new[] { new { external = new { name = "Dinas Uji", address = "Jl. Uji 1, Depok" } } },
        cc = Array.Empty<object>(),
        reviewers = Array.Empty<Guid>(),
        signerPositionId = signer,
    };

    private async Task<int> CountDraftsAsync(string cookie)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/mailbox/drafts?limit=100", cookie);
        return (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength();
    }

    private Task<HttpResponseMessage> LoginAsync(string username) =>
        SendAsync(HttpMethod.Post, "/api/session/login", null, new { username, password = PlatformFixture.DemoPassword });

    private async Task<string> SignInAsync(string username)
    {
        using var response = await LoginAsync(username);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie, object? body = null, bool antiForgery = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (antiForgery)
        {
            request.Headers.Add("X-CSRF", "1");
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _client.SendAsync(request);
    }
}
