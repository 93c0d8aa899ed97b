using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>A Directory that locks an account at 8 wrong passwords in 15 minutes (one address may try 5).</summary>
public sealed class SigningLockoutFixture : CorrespondenceFixture
{
    public override Task InitializeAsync()
    {
        Directory.Settings["Directory:SignIn:FailuresPerAccount"] = "8";
        Directory.Settings["Directory:SignIn:AccountWindow"] = "00:15:00";
        return base.InitializeAsync();
    }
}

public sealed class SigningPasswordLockoutTests(SigningLockoutFixture f) : IClassFixture<SigningLockoutFixture>
{
    [Fact]
    public async Task Wrong_signing_passwords_make_the_signer_wait_and_count_toward_locking_the_account_for_sign_in_too()
    {
        var id = await f.CreateAsync(f.Draft(withReviewer: false));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        using var signer = await f.As(CorrespondenceFixture.Signer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = $"tebakan-{i}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        }

        var waiting = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.True(waiting.Headers.Contains("Retry-After"));
        var problem = await waiting.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-many-attempts", problem.GetProperty("code").GetString());
        Assert.Contains("the letter was not signed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Three more wrong passwords at sign-in, from elsewhere, make eight: the account is locked everywhere.
        using var directory = f.Directory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(directory, "198.51.100.7", $"tebakan-login-{i}")).StatusCode);
        }

        var login = await LoginAsync(directory, "198.51.100.8", CorrespondenceFixture.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.Equal("account-locked", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var locked = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("account-locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var letter = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);

        // An administrator unlocks the account; the signer signs.
        using var admin = await f.DirectoryAs("admin@eoffice.local");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/org/users/{f.Users[CorrespondenceFixture.Signer]}/unlock", null)).StatusCode);
        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient directory, string address, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = CorrespondenceFixture.Signer, password }),
        };
        // Directory listens on loopback, where the gateway would be: it believes this header from there.
        request.Headers.Add("X-Forwarded-For", address);
        return directory.SendAsync(request);
    }
}
