using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Directory.Tests;

public sealed class MoveTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    private async Task<Guid> PositionIdAsync(HttpClient client, string title) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/org/positions?q={Uri.EscapeDataString(title)}")).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();

    private async Task<HttpStatusCode> RefreshAsync(string refreshToken) =>
        (await directory.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode;

    [Fact]
    public async Task Moving_a_person_revokes_their_refresh_tokens_and_those_of_the_person_they_replace()
    {
        var moved = await directory.LoginAsync("nadia.rahmawati@eoffice.local");
        var replaced = await directory.LoginAsync("intan.permatasari@eoffice.local");
        var bystander = await directory.LoginAsync("teguh.prasetyo@eoffice.local");
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var target = await PositionIdAsync(admin, "Pranata Hubungan Masyarakat Ahli Pertama");

        var response = await admin.PutAsJsonAsync($"/api/org/positions/{target}/holder", new { userId = moved.GetProperty("user").GetProperty("id").GetGuid() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshAsync(moved.GetProperty("refreshToken").GetString()!));
        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshAsync(replaced.GetProperty("refreshToken").GetString()!));
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync(bystander.GetProperty("refreshToken").GetString()!));
        var again = await directory.LoginAsync("nadia.rahmawati@eoffice.local");
        Assert.Equal(target, again.GetProperty("user").GetProperty("positionId").GetGuid());
    }
}
