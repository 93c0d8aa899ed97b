using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// The foundation's "done when" scenario, against the real processes and only through the
/// gateway: sign-in, the demo city's org chart, an admin change seen by staff, readiness.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FoundationScenarioTests(PlatformFixture platform)
{
    private const string Admin = "admin@eoffice.local";
    private const string Staff = "fajar.nugroho@eoffice.local";

    [Fact]
    public async Task A_demo_user_signs_in_and_reads_the_org_chart_through_the_gateway()
    {
        var token = await platform.LoginAsync(Admin);
        using var admin = platform.As(token);

        var roots = await admin.GetJsonAsync("/api/org/units");
        var positions = await admin.GetJsonAsync("/api/org/positions?limit=200");

        Assert.False(string.IsNullOrWhiteSpace(token));
        var root = Assert.Single(roots.EnumerateArray());
        Assert.Equal("PEMKOT", root.Text("code"));
        var agencies = root.GetProperty("children").EnumerateArray().Select(u => u.Text("code")).ToList();
        Assert.True(agencies.Count >= 4, $"PEMKOT should have at least 4 child units, has {agencies.Count}: {string.Join(", ", agencies)}");
        Assert.Contains("DISKOMINFO", agencies);
        var count = positions.GetProperty("items").GetArrayLength();
        Assert.True(count >= 30, $"the demo city should have at least 30 positions, has {count}");
    }

    [Fact]
    public async Task The_org_chart_needs_a_token_while_the_signing_keys_are_public()
    {
        using var anonymous = await platform.Gateway.GetAsync(new Uri("/api/org/units", UriKind.Relative));
        using var jwks = await platform.Gateway.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.NotEqual(0, (await jwks.ReadJsonAsync()).GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task A_unit_an_admin_creates_is_seen_by_staff_who_may_not_create_units_themselves()
    {
        using var admin = platform.As(await platform.LoginAsync(Admin));
        using var staff = platform.As(await platform.LoginAsync(Staff));
        var pemkot = HttpJson.Units(await admin.GetJsonAsync("/api/org/units")).Single(u => u.Text("code") == "PEMKOT").GetProperty("id").GetGuid();
        var code = "E2E-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

        using var created = await admin.PostJsonAsync("/api/org/units", new { code, name = "Unit Uji", parentId = pemkot });
        var createdBody = await created.ReadJsonAsync();
        var seenByStaff = HttpJson.Units(await staff.GetJsonAsync("/api/org/units")).Where(u => u.Text("code") == code).ToList();
        using var refused = await staff.PostJsonAsync("/api/org/units", new { code = code + "-STAF", name = "Unit Staf", parentId = pemkot });
        var afterRefusal = HttpJson.Units(await admin.GetJsonAsync("/api/org/units")).Select(u => u.Text("code")).ToList();

        Assert.True(created.StatusCode == HttpStatusCode.Created, $"creating {code} answered {(int)created.StatusCode}: {createdBody}");
        var unit = Assert.Single(seenByStaff);
        Assert.Equal(createdBody.GetProperty("id").GetGuid(), unit.GetProperty("id").GetGuid());
        Assert.Equal("Unit Uji", unit.Text("name"));
        Assert.Equal(pemkot, unit.GetProperty("parentId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(code + "-STAF", afterRefusal);
    }

    [Fact]
    public async Task The_gateway_reports_the_directory_cluster_healthy()
    {
        using var response = await platform.Gateway.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.ReadJsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"gateway readiness answered {(int)response.StatusCode}: {body}");
        var clusters = body.GetProperty("checks").GetProperty("destinations").GetProperty("data");
        Assert.Contains("directory", platform.StartedServices);
        foreach (var service in platform.StartedServices)
        {
            Assert.True(Healthy(clusters, service) == 1, $"the gateway should see {service} healthy: {clusters}");
        }
    }

    private static int Healthy(JsonElement clusters, string cluster) =>
        clusters.TryGetProperty(cluster, out var c) ? c.GetProperty("healthy").GetInt32() : -1;
}
