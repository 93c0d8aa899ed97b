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
    public async Task Five_wrong_passwords_from_one_address_make_that_address_wait_while_the_user_still_signs_in_from_another()
    {
        const string victim = "intan.permatasari@eoffice.local";
        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginFromAsync("203.0.113.10", victim, $"tebakan-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var attacker = await LoginFromAsync("203.0.113.10", victim, DirectoryFixture.Password);
        var user = await LoginFromAsync("198.51.100.20", victim, DirectoryFixture.Password);
        var other = await LoginFromAsync("203.0.113.10", "eka.saputra@eoffice.local", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, attacker.StatusCode);
        var problem = await attacker.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-many-attempts", problem.GetProperty("code").GetString());
        Assert.Matches(@"^Too many wrong passwords from your address\. Try again in \d+ seconds\.$", problem.GetProperty("detail").GetString());
        Assert.InRange(int.Parse(attacker.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_is_slowed_down_exactly_like_a_known_one()
    {
        var known = await FiveWrongThenOneMoreAsync("203.0.113.30", "sri.lestari@eoffice.local");
        var unknown = await FiveWrongThenOneMoreAsync("203.0.113.30", "tidak.ada@eoffice.local");

        Assert.Equal(known.Statuses, unknown.Statuses);
        Assert.Equal(known.Codes, unknown.Codes);
        Assert.Equal(known.Details, unknown.Details);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.Statuses[^1]);
    }

    [Fact]
    public async Task Wrong_passwords_from_many_addresses_lock_the_account_for_everyone_until_an_admin_unlocks_it()
    {
        const string victim = "imam.santoso@eoffice.local";
        // The fixture locks at 12 failures within 15 minutes; one address may try 5.
        for (var i = 0; i < 12; i++)
        {
            var wrong = await LoginFromAsync($"203.0.113.{50 + (i / 5)}", victim, $"tebakan-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await LoginFromAsync("198.51.100.60", victim, DirectoryFixture.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var problem = await locked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("account-locked", problem.GetProperty("code").GetString());
        Assert.Contains("ask an administrator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var id = await directory.ScalarAsync<Guid>("select id from directory.users where email = @victim", new { victim });
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/org/users/{id}/unlock", null)).StatusCode);
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/org/users/{Guid.NewGuid()}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/org/users/{id}/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync("198.51.100.60", victim, DirectoryFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_at_the_internal_password_check_count_toward_the_same_throttle_as_sign_in()
    {
        const string user = "endang.suryani@eoffice.local";
        var id = await directory.ScalarAsync<Guid>("select id from directory.users where email = @user", new { user });
        for (var i = 0; i < 5; i++)
        {
            var wrong = await VerifyPasswordAsync(id, $"tebakan-{i}", "203.0.113.70");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var check = await VerifyPasswordAsync(id, DirectoryFixture.Password, "203.0.113.70");
        var login = await LoginFromAsync("203.0.113.70", user, DirectoryFixture.Password);
        var elsewhere = await VerifyPasswordAsync(id, DirectoryFixture.Password, "198.51.100.70");

        Assert.Equal(HttpStatusCode.TooManyRequests, check.StatusCode);
        Assert.Equal("too-many-attempts", (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, elsewhere.StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_from_anyone_but_the_gateway_is_ignored()
    {
        const string victim = "rizky.ramadhan@eoffice.local";
        await using var direct = new EOffice.Testing.ServiceFactory<DirectoryApp>();
        foreach (var (key, value) in directory.Service.Settings)
        {
            direct.Settings[key] = value;
        }

        // Requests reach this instance straight from 192.0.2.5, which is no trusted proxy.
        direct.PeerAddress = System.Net.IPAddress.Parse("192.0.2.5");
        using var client = direct.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginFromAsync($"203.0.113.{80 + i}", victim, $"tebakan-{i}", client);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var spoofed = await LoginFromAsync("203.0.113.99", victim, DirectoryFixture.Password, client);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_sign_ins_to_one_account_waits_its_turn_without_taking_the_database_from_everyone_else()
    {
        const string busy = "agus.salim@eoffice.local";
        await using var small = new EOffice.Testing.ServiceFactory<DirectoryApp>();
        foreach (var (key, value) in directory.Service.Settings)
        {
            small.Settings[key] = value;
        }

        // Three connections, and a request waits at most 3 s for one. Checks of one account run one at a time (each
        // hashes the password); had the waiting ones each held a connection, the pool would run dry within the burst.
        small.Settings["ConnectionStrings:Postgres"] = directory.Database.ConnectionString + ";Maximum Pool Size=3;Timeout=3";
        small.PeerAddress = DirectoryFixture.GatewayAddress;
        using var client = small.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync("198.51.100.1", busy, DirectoryFixture.Password, client)).StatusCode);

        var burst = Enumerable.Range(0, 80).Select(i => LoginFromAsync($"198.51.100.{10 + i}", busy, DirectoryFixture.Password, client)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var other = await LoginFromAsync("198.51.100.200", "ahmad.fauzi@eoffice.local", DirectoryFixture.Password, client);
        var answers = await Task.WhenAll(burst);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var statuses = answers.GroupBy(a => a.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.OK] = 80 }, statuses);
    }

    [Fact]
    public async Task Sign_in_on_the_directory_port_is_rate_limited_per_address()
    {
        await using var limited = new EOffice.Testing.ServiceFactory<DirectoryApp>();
        foreach (var (key, value) in directory.Service.Settings)
        {
            limited.Settings[key] = value;
        }

        limited.Settings["RateLimits:LoginPerMinute"] = "3";
        limited.PeerAddress = DirectoryFixture.GatewayAddress;
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync("203.0.113.120", "maya.puspitasari@eoffice.local", DirectoryFixture.Password, client)).StatusCode);
        }

        var fourth = await LoginFromAsync("203.0.113.120", "maya.puspitasari@eoffice.local", DirectoryFixture.Password, client);
        var otherAddress = await LoginFromAsync("203.0.113.121", "maya.puspitasari@eoffice.local", DirectoryFixture.Password, client);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.Contains("Retry-After"));
        Assert.Equal("too-many-requests", (await fourth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
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

    [Fact]
    public async Task Discovery_names_the_configured_issuer_whatever_host_the_request_claims()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";
        request.Headers.Add("X-Forwarded-Host", "attacker.example");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var discovery = await (await directory.Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("http://eoffice.test", discovery.GetProperty("issuer").GetString());
        Assert.Equal("http://eoffice.test/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal("http://eoffice.test/api/auth/login", discovery.GetProperty("token_endpoint").GetString());
        Assert.DoesNotContain("attacker", discovery.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_an_unknown_key_gets_a_plain_bearer_challenge_without_details()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = new JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "http://eoffice.test",
            Audience = "eoffice",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "admin" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(key) { KeyId = "forged" }, "ES256"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);

        var response = await directory.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    private Task<HttpResponseMessage> LoginFromAsync(string address, string username, string password, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return (client ?? directory.Client).SendAsync(request);
    }

    private Task<HttpResponseMessage> VerifyPasswordAsync(Guid userId, string password, string clientAddress)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/internal/auth/verify-password")
        {
            Content = JsonContent.Create(new { userId, password, clientAddress }),
        };
        request.Headers.Add("X-EOffice-Internal-Key", "test-internal-key");
        return directory.Client.SendAsync(request);
    }

    private async Task<(List<HttpStatusCode> Statuses, List<string?> Codes, List<string?> Details)> FiveWrongThenOneMoreAsync(string address, string username)
    {
        var statuses = new List<HttpStatusCode>();
        var codes = new List<string?>();
        var details = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            var response = await LoginFromAsync(address, username, $"tebakan-{i}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            statuses.Add(response.StatusCode);
            codes.Add(problem.GetProperty("code").GetString());
            details.Add(System.Text.RegularExpressions.Regex.Replace(problem.GetProperty("detail").GetString() ?? "", @"\d+", "N"));
        }

        return (statuses, codes, details);
    }
}
