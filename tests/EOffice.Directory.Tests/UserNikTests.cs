using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.ServiceDefaults.Auth;

namespace EOffice.Directory.Tests;

/// <summary>The NIK of a user: set by admins, 16 digits, one per person, seen only by admins and the user.</summary>
public sealed class UserNikTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    private static object User(string nip, string email, string? nik) =>
        new { nip, name = "Penguji NIK", email, password = "Rahasia#2026", nik };

    [Fact]
    public async Task An_admin_sets_a_users_NIK_which_must_be_16_digits_and_nobody_elses()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var before = await directory.ScalarAsync<int>("select count(*)::int from directory.users");

        var shortNik = await admin.PostAsJsonAsync("/api/org/users", User("199202022020012001", "nik.pendek@eoffice.local", "32760112"));
        var letters = await admin.PostAsJsonAsync("/api/org/users", User("199202022020012001", "nik.huruf@eoffice.local", "32760112AB900001"));
        var problem = await shortNik.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, shortNik.StatusCode);
        Assert.Equal("NIK terdiri dari 16 angka.", problem.GetProperty("errors").GetProperty("nik")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, letters.StatusCode);
        Assert.Equal(before, await directory.ScalarAsync<int>("select count(*)::int from directory.users"));

        var created = await admin.PostAsJsonAsync("/api/org/users", User("199202022020012001", "nik.benar@eoffice.local", "3276014202920001"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("3276014202920001", (await admin.GetFromJsonAsync<JsonElement>($"/api/org/users/{id}")).GetProperty("nik").GetString());

        // A change without nik keeps it; a NIK someone else has is a 409; "" removes it.
        var kept = await admin.PutAsJsonAsync($"/api/org/users/{id}", new { nip = "199202022020012001", name = "Penguji NIK Baru", email = "nik.benar@eoffice.local" });
        Assert.Equal("3276014202920001", (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nik").GetString());
        var other = await admin.PostAsJsonAsync("/api/org/users", User("199303032020012001", "nik.lain@eoffice.local", "3276014303930001"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var taken = await admin.PutAsJsonAsync($"/api/org/users/{id}", new { nip = "199202022020012001", name = "Penguji NIK", email = "nik.benar@eoffice.local", nik = "3276014303930001" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("nik-taken", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var removed = await admin.PutAsJsonAsync($"/api/org/users/{id}", new { nip = "199202022020012001", name = "Penguji NIK", email = "nik.benar@eoffice.local", nik = "" });
        Assert.Equal(JsonValueKind.Null, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nik").ValueKind);
    }

    [Fact]
    public async Task A_NIK_is_seen_only_by_admins_and_its_owner()
    {
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        var me = (await directory.LoginAsync(DirectoryFixture.Staff)).GetProperty("user").GetProperty("id").GetGuid();

        var own = await staff.GetFromJsonAsync<JsonElement>($"/api/org/users/{me}");
        var all = (await staff.GetFromJsonAsync<JsonElement>("/api/org/users?limit=200")).GetProperty("items").EnumerateArray().ToList();

        Assert.Matches("^[0-9]{16}$", own.GetProperty("nik").GetString());
        Assert.All(all.Where(u => u.GetProperty("id").GetGuid() != me), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("nik").ValueKind));
        Assert.Equal(own.GetProperty("nik").GetString(), all.Single(u => u.GetProperty("id").GetGuid() == me).GetProperty("nik").GetString());
    }

    [Fact]
    public async Task Services_check_a_signers_NIK_with_the_internal_key_only()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var me = (await directory.LoginAsync(DirectoryFixture.Staff)).GetProperty("user").GetProperty("id").GetGuid();
        var nik = (await admin.GetFromJsonAsync<JsonElement>($"/api/org/users/{me}")).GetProperty("nik").GetString();

        async Task<HttpResponseMessage> CheckAsync(string? given, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/auth/check-nik") { Content = JsonContent.Create(new { userId = me, nik = given }) };
            if (key is not null)
            {
                request.Headers.Add(InternalKey.Header, key);
            }

            return await directory.Client.SendAsync(request);
        }

        var matches = await (await CheckAsync(nik, "test-internal-key")).Content.ReadFromJsonAsync<JsonElement>();
        var other = await (await CheckAsync("3276010000000000", "test-internal-key")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(matches.GetProperty("matches").GetBoolean());
        Assert.True(other.GetProperty("registered").GetBoolean());
        Assert.False(other.GetProperty("matches").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync(nik, null)).StatusCode);
    }
}
