using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Directory.Tests;

/// <summary>Transfers (mutasi): <c>POST /api/org/users/{id}/move</c>, the holder history and a position's pending work.</summary>
public sealed class TransferTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    private const string UnitCode = "DISKOMINFO-IKP-PI";
    private static int _sequence;

    private async Task<Guid> UnitIdAsync(HttpClient admin) =>
        EOffice.Testing.HttpJson.Units(await admin.GetFromJsonAsync<JsonElement>("/api/org/units"))
            .Single(u => u.GetProperty("code").GetString() == UnitCode).GetProperty("id").GetGuid();

    private async Task<Guid> NewPositionAsync(HttpClient admin, string title)
    {
        var response = await admin.PostAsJsonAsync("/api/org/positions", new { title, unitId = await UnitIdAsync(admin) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<(Guid Id, string Email)> NewUserAsync(HttpClient admin, string name)
    {
        var n = Interlocked.Increment(ref _sequence);
        var nip = string.Create(CultureInfo.InvariantCulture, $"19900101202001{n + 5000:D4}");
        var email = string.Create(CultureInfo.InvariantCulture, $"mutasi.{n}.{Guid.NewGuid():N}@eoffice.local");
        var response = await admin.PostAsJsonAsync("/api/org/users", new { nip, name, email, password = DirectoryFixture.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
    }

    private async Task<(Guid Id, string Email)> NewHolderAsync(HttpClient admin, string name, Guid position)
    {
        var user = await NewUserAsync(admin, name);
        (await admin.PutAsJsonAsync($"/api/org/positions/{position}/holder", new { userId = user.Id })).EnsureSuccessStatusCode();
        return user;
    }

    private async Task<HttpStatusCode> RefreshAsync(string refreshToken) =>
        (await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Moving_a_person_vacates_the_old_position_revokes_their_refresh_tokens_and_keeps_who_held_what()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var from = await NewPositionAsync(admin, "Analis Kebijakan Mutasi A");
        var to = await NewPositionAsync(admin, "Analis Kebijakan Mutasi B");
        var mover = await NewHolderAsync(admin, "Sinta Maharani", from);
        var bystander = await directory.LoginAsync("teguh.prasetyo@eoffice.local");
        var before = await directory.LoginAsync(mover.Email);

        var response = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(to, moved.GetProperty("user").GetProperty("positionId").GetGuid());
        Assert.Equal(from, moved.GetProperty("fromPositionId").GetGuid());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("replacedUserId").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshAsync(before.GetProperty("refreshToken").GetString()!));
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync(bystander.GetProperty("refreshToken").GetString()!));
        var old = await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{from}");
        Assert.Equal(JsonValueKind.Null, old.GetProperty("holder").ValueKind);
        var again = await directory.LoginAsync(mover.Email);
        Assert.Equal(to, again.GetProperty("user").GetProperty("positionId").GetGuid());

        // The old position remembers its holder until the move; the new one has them from then on.
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        var oldHolders = (await staff.GetFromJsonAsync<JsonElement>($"/api/org/positions/{from}/holders")).GetProperty("items");
        var period = Assert.Single(oldHolders.EnumerateArray());
        Assert.Equal(mover.Id, period.GetProperty("userId").GetGuid());
        Assert.Equal("Sinta Maharani", period.GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, period.GetProperty("to").ValueKind);
        var newHolders = (await staff.GetFromJsonAsync<JsonElement>($"/api/org/positions/{to}/holders")).GetProperty("items");
        var current = Assert.Single(newHolders.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("to").ValueKind);
        Assert.Equal(period.GetProperty("to").GetDateTimeOffset(), current.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_held_position_is_taken_only_with_replace_and_the_replaced_holder_is_signed_out()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var from = await NewPositionAsync(admin, "Pranata Komputer Mutasi A");
        var to = await NewPositionAsync(admin, "Pranata Komputer Mutasi B");
        var mover = await NewHolderAsync(admin, "Bayu Firmansyah", from);
        var holder = await NewHolderAsync(admin, "Citra Lestari", to);
        var holderLogin = await directory.LoginAsync(holder.Email);

        var refused = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await ProblemAsync(refused);
        Assert.Equal("position-held", problem.GetProperty("code").GetString());
        Assert.Contains("Citra Lestari", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(holder.Id, (await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{to}")).GetProperty("holder").GetProperty("userId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync(holderLogin.GetProperty("refreshToken").GetString()!));

        var replaced = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to, replace = true });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(holder.Id, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replacedUserId").GetGuid());
        var fresh = await directory.LoginAsync(holder.Email);
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("user").GetProperty("positionId").ValueKind);
        var holders = (await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{to}/holders")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([mover.Id, holder.Id], holders.Select(h => h.GetProperty("userId").GetGuid()));

        var same = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal("already-in-position", (await ProblemAsync(same)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_move_is_for_admins_names_the_field_at_fault_and_changes_nothing_on_bad_input()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        var from = await NewPositionAsync(admin, "Pengelola Data Mutasi A");
        var to = await NewPositionAsync(admin, "Pengelola Data Mutasi B");
        var mover = await NewHolderAsync(admin, "Dodi Saputra", from);

        var forbidden = await staff.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to });
        var missing = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { });
        var unknownPosition = await admin.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = Guid.NewGuid() });
        var unknownUser = await admin.PostAsJsonAsync($"/api/org/users/{Guid.NewGuid()}/move", new { positionId = to });
        var anonymous = await directory.Client.PostAsJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = to });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await ProblemAsync(missing)).GetProperty("errors").TryGetProperty("positionId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownPosition.StatusCode);
        Assert.True((await ProblemAsync(unknownPosition)).GetProperty("errors").TryGetProperty("positionId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(from, (await admin.GetFromJsonAsync<JsonElement>($"/api/org/users/{mover.Id}")).GetProperty("positionId").GetGuid());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{from}/holders")).GetProperty("items").EnumerateArray());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{to}/holders")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/org/positions/{Guid.NewGuid()}/holders")).StatusCode);
    }

    [Fact]
    public async Task The_holder_change_records_holder_history_too_and_seeded_holders_hold_from_the_start()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var position = await NewPositionAsync(admin, "Pengadministrasi Umum Mutasi");
        var first = await NewHolderAsync(admin, "Eko Prabowo", position);
        var second = await NewUserAsync(admin, "Fitri Handayani");
        (await admin.PutAsJsonAsync($"/api/org/positions/{position}/holder", new { userId = second.Id })).EnsureSuccessStatusCode();
        // Setting the same holder again is no new holding.
        (await admin.PutAsJsonAsync($"/api/org/positions/{position}/holder", new { userId = second.Id })).EnsureSuccessStatusCode();

        var holders = (await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{position}/holders")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([second.Id, first.Id], holders.Select(h => h.GetProperty("userId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, holders[0].GetProperty("to").ValueKind);

        var seeded = (await admin.GetFromJsonAsync<JsonElement>("/api/org/positions?q=Kepala%20Dinas%20Komunikasi")).GetProperty("items")[0];
        var seededHolders = (await admin.GetFromJsonAsync<JsonElement>($"/api/org/positions/{seeded.GetProperty("id").GetGuid()}/holders")).GetProperty("items");
        Assert.Equal("Hendra Gunawan", Assert.Single(seededHolders.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Pending_work_is_for_admins_and_marks_services_that_do_not_answer_as_unavailable()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        using var staff = await directory.ClientForAsync(DirectoryFixture.Staff);
        var position = await NewPositionAsync(admin, "Penelaah Mutasi");

        var pending = await admin.GetAsync($"/api/org/positions/{position}/pending");
        var forbidden = await staff.GetAsync($"/api/org/positions/{position}/pending");
        var unknown = await admin.GetAsync($"/api/org/positions/{Guid.NewGuid()}/pending");

        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        var work = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["correspondence", "disposition"], work.GetProperty("unavailable").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, work.GetProperty("drafts").ValueKind);
        Assert.Equal(JsonValueKind.Null, work.GetProperty("openDispositions").ValueKind);
        Assert.Empty(work.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
