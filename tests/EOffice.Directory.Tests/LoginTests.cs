using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EOffice.Directory.Tests;

public sealed class LoginTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    [Fact]
    public async Task A_demo_user_signs_in_by_email_and_gets_a_token_with_their_position_and_roles()
    {
        var login = await directory.LoginAsync(DirectoryFixture.Admin);

        var user = login.GetProperty("user");
        Assert.Equal("Administrator EOffice", user.GetProperty("name").GetString());
        Assert.Equal("Administrator Sistem Informasi", user.GetProperty("positionTitle").GetString());
        Assert.Contains("admin", user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(login.GetProperty("expiresIn").GetInt32() > 0);
        var token = new JsonWebToken(login.GetProperty("accessToken").GetString());
        Assert.Equal("ES256", token.Alg);
        Assert.Equal("http://eoffice.test", token.Issuer);
        Assert.Equal(user.GetProperty("id").GetString(), token.Subject);
        Assert.Equal(user.GetProperty("positionId").GetString(), token.Claims.Single(c => c.Type == "position_id").Value);
        Assert.Contains(token.Claims, c => c.Type == "role" && c.Value == "admin");
    }

    [Fact]
    public async Task A_user_signs_in_by_nip_too()
    {
        var login = await directory.LoginAsync("198608212011012004");
        Assert.Equal("Lina Marlina", login.GetProperty("user").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(DirectoryFixture.Admin, "wrong password")]
    [InlineData("nobody@eoffice.local", "Demo#2026")]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401(string username, string password)
    {
        var response = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-credentials", problem.GetProperty("code").GetString());
        Assert.Equal("Wrong username or password.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_for_a_while_but_not_other_accounts()
    {
        const string victim = "intan.permatasari@eoffice.local";
        for (var i = 0; i < 10; i++)
        {
            var wrong = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username = victim, password = $"tebakan-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username = victim, password = DirectoryFixture.Password });
        var other = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username = "eka.saputra@eoffice.local", password = DirectoryFixture.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("account-locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Missing_credentials_are_a_400_naming_both_fields()
    {
        var response = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username = "", password = (string?)null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_revokes_the_users_tokens()
    {
        var login = await directory.LoginAsync("teguh.prasetyo@eoffice.local");
        var first = login.GetProperty("refreshToken").GetString();

        var refreshed = await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.NotEqual(first, second);

        var reused = await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        var afterTheft = await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second });
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheft.StatusCode);
    }

    [Fact]
    public async Task Me_returns_the_caller_with_the_positions_they_act_for()
    {
        using var client = await directory.ClientForAsync("wahyuni.pratiwi@eoffice.local");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal("Kepala Bidang Pelayanan Pendaftaran Penduduk", me.GetProperty("positionTitle").GetString());
        var acting = Assert.Single(me.GetProperty("acting").EnumerateArray());
        Assert.Equal("Plt", acting.GetProperty("kind").GetString());
        Assert.Equal("Sekretaris Dinas Kependudukan dan Pencatatan Sipil", acting.GetProperty("positionTitle").GetString());
    }

    [Fact]
    public async Task Discovery_and_jwks_are_public_and_describe_the_signing_key()
    {
        var discovery = await directory.Client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal("http://eoffice.test", discovery.GetProperty("issuer").GetString());

        var jwks = await directory.Client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }
}
