using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Directory.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tests;

public sealed class OrgTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    private static IEnumerable<JsonElement> Flatten(JsonElement nodes) =>
        nodes.EnumerateArray().SelectMany(n => new[] { n }.Concat(Flatten(n.GetProperty("children"))));

    private static async Task<List<JsonElement>> AllPositionsAsync(HttpClient client, int limit = 7)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/org/positions?limit={limit}" + (next is null ? "" : $"&after={next}"));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return all;
    }

    [Fact]
    public async Task The_demo_city_is_a_tree_from_the_city_down_to_sections()
    {
        using var client = await directory.ClientForAsync(DirectoryFixture.Staff);

        var roots = await client.GetFromJsonAsync<JsonElement>("/api/org/units");

        var city = Assert.Single(roots.EnumerateArray());
        Assert.Equal("PEMKOT", city.GetProperty("code").GetString());
        var agencies = city.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains("DISKOMINFO", agencies);
        Assert.Contains("SETDA", agencies);
        Assert.True(agencies.Count >= 4);
        var section = Flatten(roots).Single(u => u.GetProperty("code").GetString() == "DISKOMINFO-APTIKA-PA");
        Assert.Equal(Flatten(roots).Single(u => u.GetProperty("code").GetString() == "DISKOMINFO-APTIKA").GetProperty("id").GetString(),
            section.GetProperty("parentId").GetString());
    }

    [Fact]
    public async Task Positions_page_through_every_position_once_with_holders_and_acting_holders()
    {
        using var client = await directory.ClientForAsync(DirectoryFixture.Staff);

        var positions = await AllPositionsAsync(client);

        Assert.True(positions.Count >= 30);
        Assert.Equal(positions.Count, positions.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
        var vacant = positions.Single(p => p.GetProperty("title").GetString() == "Sekretaris Dinas Kependudukan dan Pencatatan Sipil");
        Assert.Equal(JsonValueKind.Null, vacant.GetProperty("holder").ValueKind);
        Assert.Equal("Wahyuni Pratiwi", vacant.GetProperty("acting").GetProperty("name").GetString());
        var roles = await client.GetFromJsonAsync<JsonElement>("/api/org/users?limit=200");
        var all = roles.GetProperty("items").EnumerateArray().SelectMany(u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString())).ToHashSet();
        Assert.Superset(new HashSet<string?> { "staff", "secretariat", "archivist", "admin" }, all);
    }

    [Fact]
    public async Task Subordinates_are_every_position_below_at_any_depth()
    {
        using var client = await directory.ClientForAsync(DirectoryFixture.Staff);
        var head = (await client.GetFromJsonAsync<JsonElement>("/api/org/positions?q=Kepala%20Dinas%20Komunikasi")).GetProperty("items")[0];

        var below = await client.GetFromJsonAsync<JsonElement>($"/api/org/positions/{head.GetProperty("id").GetString()}/subordinates");

        var titles = below.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Contains("Kepala Bidang Aplikasi Informatika", titles);
        Assert.Contains("Kepala Seksi Pengembangan Aplikasi", titles);
        Assert.Contains("Pranata Komputer Ahli Pertama", titles);
        Assert.DoesNotContain("Kepala Dinas Komunikasi dan Informatika", titles);
        Assert.DoesNotContain("Kepala Badan Kepegawaian dan Pengembangan SDM", titles);
    }

    [Fact]
    public async Task Without_a_token_the_org_chart_is_a_401()
    {
        var response = await directory.Client.GetAsync("/api/org/units");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_expired_token_is_refused_by_the_service()
    {
        var token = (await directory.LoginAsync(DirectoryFixture.Staff)).GetProperty("accessToken").GetString()!;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var key = directory.Service.Services.GetRequiredService<SigningKeys>().Current;
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://eoffice.test",
            Audience = "eoffice",
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = new[] { "admin" } },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

        foreach (var bad in new[] { tampered, expired, "not-a-token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/org/units");
            request.Headers.Authorization = new("Bearer", bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await directory.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task Staff_cannot_change_the_org_chart()
    {
        using var client = await directory.ClientForAsync(DirectoryFixture.Staff);

        var unit = await client.PostAsJsonAsync("/api/org/units", new { code = "NEW", name = "Unit Baru" });
        var user = await client.PostAsJsonAsync("/api/org/users", new { nip = "199001012020011001", name = "X", email = "x@eoffice.local", password = "Password#1" });

        Assert.Equal(HttpStatusCode.Forbidden, unit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(0, await directory.ScalarAsync<int>("select count(*)::int from directory.units where code = 'NEW'"));
    }

    [Fact]
    public async Task An_admin_adds_a_unit_position_and_user_and_each_change_is_published()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var city = (await admin.GetFromJsonAsync<JsonElement>("/api/org/units"))[0];

        var unit = await admin.PostAsJsonAsync("/api/org/units", new { code = "DISPUSIP", name = "Dinas Perpustakaan dan Kearsipan", parentId = city.GetProperty("id").GetString() });
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
        var unitId = (await unit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var position = await admin.PostAsJsonAsync("/api/org/positions", new { title = "Kepala Dinas Perpustakaan dan Kearsipan", unitId, isUnitHead = true });
        Assert.Equal(HttpStatusCode.Created, position.StatusCode);
        var positionId = (await position.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var user = await admin.PostAsJsonAsync("/api/org/users", new { nip = "198001012005011111", name = "Rina Susanti", email = "rina.susanti@eoffice.local", roles = new[] { "staff", "archivist" }, password = "Rahasia#2026" });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var holder = await admin.PutAsJsonAsync($"/api/org/positions/{positionId}/holder", new { userId });
        Assert.Equal(HttpStatusCode.OK, holder.StatusCode);

        var login = await directory.LoginAsync("rina.susanti@eoffice.local", "Rahasia#2026");
        Assert.Equal(positionId, login.GetProperty("user").GetProperty("positionId").GetString());
        await EOffice.Testing.Eventually.HoldsAsync(async () => await directory.ScalarAsync<int>(
            "select count(*)::int from directory.outbox where exchange = 'eoffice.org-changed' and sent_at is not null and payload ->> 'id' in (@unitId, @positionId, @userId)",
            new { unitId, positionId, userId }) >= 3, "the three changes were published");
        Assert.True(await directory.ScalarAsync<bool>(
            "select exists (select 1 from directory.audit_log where action = 'holder-set' and entity_id = @id::uuid)", new { id = positionId }));
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_with_the_field_and_changes_nothing()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var before = await directory.ScalarAsync<int>("select count(*)::int from directory.users");

        var badNip = await admin.PostAsJsonAsync("/api/org/users", new { nip = "12345", name = "X", email = "x@eoffice.local", password = "Password#1" });
        var badRole = await admin.PostAsJsonAsync("/api/org/users", new { nip = "199001012020011002", name = "X", email = "x@eoffice.local", roles = new[] { "king" }, password = "Password#1" });
        var duplicate = await admin.PostAsJsonAsync("/api/org/users", new { nip = "198801012012011001", name = "X", email = "x2@eoffice.local", password = "Password#1" });
        var wrongType = await admin.PostAsync("/api/org/positions", new StringContent("{\"title\": 5, \"unitId\": \"x\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badNip.StatusCode);
        Assert.True((await badNip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nip", out _));
        Assert.True((await badRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(before, await directory.ScalarAsync<int>("select count(*)::int from directory.users"));
    }

    [Fact]
    public async Task A_unit_cannot_be_moved_under_its_own_section()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var units = Flatten(await admin.GetFromJsonAsync<JsonElement>("/api/org/units")).ToList();
        var agency = units.Single(u => u.GetProperty("code").GetString() == "BKPSDM");
        var section = units.Single(u => u.GetProperty("code").GetString() == "BKPSDM-MUTASI-JAB");

        var response = await admin.PutAsJsonAsync($"/api/org/units/{agency.GetProperty("id").GetString()}",
            new { code = "BKPSDM", name = agency.GetProperty("name").GetString(), parentId = section.GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task The_internal_snapshot_needs_the_internal_key()
    {
        var without = await directory.Client.GetAsync("/internal/org/snapshot");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/internal/org/snapshot");
        request.Headers.Add("X-EOffice-Internal-Key", "test-internal-key");
        var with = await directory.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        var snapshot = await with.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(snapshot.GetProperty("positions").GetArrayLength() >= 30);
        Assert.DoesNotContain("password", await with.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
