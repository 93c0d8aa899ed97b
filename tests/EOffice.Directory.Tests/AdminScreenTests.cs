using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Directory.Tests;

/// <summary>What the admin screens use beyond the org chart: password resets, a position's acting list, a unit's logo.</summary>
public sealed class AdminScreenTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    private static int _sequence;

    private static async Task<(Guid Id, string Email)> NewUserAsync(HttpClient admin, string name)
    {
        var n = Interlocked.Increment(ref _sequence);
        var nip = string.Create(CultureInfo.InvariantCulture, $"19910202202102{n + 7000:D4}");
        var email = string.Create(CultureInfo.InvariantCulture, $"admin.screen.{n}.{Guid.NewGuid():N}@eoffice.local");
        var response = await admin.PostAsJsonAsync("/api/org/users", new { nip, name, email, password = DirectoryFixture.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
    }

    private static async Task<Guid> UnitAsync(HttpClient admin, string code) =>
        EOffice.Testing.HttpJson.Units(await admin.GetFromJsonAsync<JsonElement>("/api/org/units"))
            .Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_password_reset_answers_a_temporary_password_once_that_signs_in_and_ends_the_old_sessions()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var user = await NewUserAsync(admin, "Rina Oktaviani");
        var before = await directory.LoginAsync(user.Email);

        var response = await admin.PostAsync(new Uri($"/api/org/users/{user.Id}/password-reset", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var temporary = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(12, temporary.Length);
        var oldPassword = await directory.Client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = DirectoryFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal("Rina Oktaviani", (await directory.LoginAsync(user.Email, temporary)).GetProperty("user").GetProperty("name").GetString());
        var refresh = await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = before.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(1L, await directory.ScalarAsync<long>(
            "select count(*) from directory.audit_log where action = 'password-reset' and entity_id = @id", new { id = user.Id }));
        Assert.DoesNotContain(temporary, await directory.ScalarAsync<string>("select password_hash from directory.users where id = @id", new { id = user.Id }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_resets_a_password_and_an_unknown_user_is_a_404()
    {
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var user = await NewUserAsync(admin, "Bayu Saputra");

        var refused = await staff.PostAsync(new Uri($"/api/org/users/{user.Id}/password-reset", UriKind.Relative), null);
        var unknown = await admin.PostAsync(new Uri($"/api/org/users/{Guid.NewGuid()}/password-reset", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Bayu Saputra", (await directory.LoginAsync(user.Email)).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_position_lists_its_current_and_coming_acting_holders_and_an_ended_one_leaves_the_list()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var created = await admin.PostAsJsonAsync("/api/org/positions", new { title = "Kepala Seksi Uji Plt", unitId = await UnitAsync(admin, "DISKOMINFO-IKP-PI") });
        var position = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = await NewUserAsync(admin, "Citra Ayu");
        var later = await NewUserAsync(admin, "Galih Pratama");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        (await admin.PostAsJsonAsync($"/api/org/positions/{position}/acting", new { userId = now.Id, from = today, to = today.AddDays(30), kind = "Plt" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/org/positions/{position}/acting", new { userId = later.Id, from = today.AddDays(40), to = today.AddDays(45), kind = "Plh" })).EnsureSuccessStatusCode();

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{position}/acting");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Galih Pratama", "Citra Ayu"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["Plh", "Plt"], items.Select(i => i.GetProperty("kind").GetString()));

        var ended = await admin.DeleteAsync(new Uri($"/api/org/positions/{position}/acting/{items[0].GetProperty("id").GetGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{position}/acting");
        Assert.Equal(["Citra Ayu"], after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/org/positions/{Guid.NewGuid()}/acting", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_stored_logo_is_served_back_as_png_and_a_unit_without_one_is_a_404()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var created = await admin.PostAsJsonAsync("/api/org/units", new { code = $"UJI-LOGO-{Interlocked.Increment(ref _sequence)}", name = "Unit Uji Logo", parentId = await UnitAsync(admin, "PEMKOT") });
        var unit = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/org/units/{unit}/logo", UriKind.Relative))).StatusCode);

        (await admin.PutAsJsonAsync($"/api/org/units/{unit}/letterhead", new { lines = new[] { "PEMERINTAH KOTA DEPOK", "UNIT UJI LOGO" }, address = "Jl. Margonda Raya No. 54" }))
            .EnsureSuccessStatusCode();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        using var body = new ByteArrayContent(png);
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await admin.PutAsync(new Uri($"/api/org/units/{unit}/logo", UriKind.Relative), body)).EnsureSuccessStatusCode();

        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        var logo = await staff.GetAsync(new Uri($"/api/org/units/{unit}/logo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
    }
}
