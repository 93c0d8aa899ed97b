using System.Net;
using Bunit;
using EOffice.Web.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Web.Tests.Components;

public sealed class LoginTests : AppContext
{
    private IRenderedComponent<Login> SignIn(string username = "198002142005011004", string password = "rahasia")
    {
        var page = Render<Login>();
        page.Find("input#username").Input(username);
        page.Find("input#password").Input(password);
        page.Find("form").Submit();
        return page;
    }

    [Fact]
    public void The_form_has_Indonesian_labels()
    {
        var page = Render<Login>();
        Assert.Contains("NIP atau email", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Kata sandi", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Masuk", page.Find("button[type=submit]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_says_so_in_Indonesian_and_stays_on_the_page()
    {
        Api.On(HttpMethod.Post, "/api/session/login", HttpStatusCode.Unauthorized,
            """{"status":401,"title":"Unauthorized","detail":"Wrong username or password.","code":"invalid-credentials"}""", "application/problem+json");
        var page = SignIn();
        page.WaitForAssertion(() => Assert.Equal("NIP/email atau kata sandi salah.", page.Find("#login-error").TextContent.Trim()));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var (request, body) = Assert.Single(Api.Received);
        Assert.Equal("1", Assert.Single(request.Headers.GetValues("X-CSRF")));
        Assert.Contains("\"username\":\"198002142005011004\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_locked_account_says_so_in_Indonesian()
    {
        Api.On(HttpMethod.Post, "/api/session/login", HttpStatusCode.TooManyRequests,
            """{"status":429,"title":"Too Many Requests","code":"account-locked"}""", "application/problem+json");
        var page = SignIn();
        page.WaitForAssertion(() => Assert.Equal(
            "Akun terkunci sementara karena terlalu banyak percobaan. Coba lagi nanti atau hubungi admin.",
            page.Find("#login-error").TextContent.Trim()));
    }

    [Fact]
    public void After_signing_in_it_goes_back_only_to_a_local_path()
    {
        Api.On(HttpMethod.Post, "/api/session/login", HttpStatusCode.OK,
            """{"user":{"id":"0196f1d2-0000-7000-8000-000000000001","name":"Rahmat Hidayat","nip":"198002142005011004","roles":["staff"]},"expiresAt":"2026-12-02T10:00:00Z"}""");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/masuk?kembali=" + Uri.EscapeDataString("//evil.example"));
        SignIn();
        Assert.Equal("http://localhost/", nav.Uri);

        nav.NavigateTo("/masuk?kembali=" + Uri.EscapeDataString("/surat/tugas"));
        SignIn();
        Assert.Equal("http://localhost/surat/tugas", nav.Uri);
    }

    [Fact]
    public async Task An_ended_session_sends_the_user_to_sign_in_with_the_way_back()
    {
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.Unauthorized, """{"status":401,"title":"Unauthorized"}""", "application/problem+json");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/surat/masuk?belum=true");
        var session = Services.GetRequiredService<EOffice.Web.Services.Session>();
        Assert.Null(await session.EnsureAsync());
        Assert.Equal("http://localhost/masuk?kembali=%2Fsurat%2Fmasuk%3Fbelum%3Dtrue", nav.Uri);
    }
}
