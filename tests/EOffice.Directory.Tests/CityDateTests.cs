using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Directory.Auth;
using EOffice.Directory.Org;
using EOffice.ServiceDefaults.Time;
using EOffice.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Directory.Tests;

/// <summary>
/// An acting period begins and ends on the city's calendar (WIB), not the database server's: at 01:30 WIB the
/// new day has begun for the city while UTC is still on yesterday.
/// </summary>
public sealed class CityDateTests(DirectoryFixture directory) : IClassFixture<DirectoryFixture>
{
    [Fact]
    public async Task An_acting_period_starts_at_midnight_wib_for_the_profile_and_the_position()
    {
        using var admin = await directory.ClientForAsync(DirectoryFixture.Admin);
        var positions = await admin.GetFromJsonAsync<JsonElement>("/api/org/positions?q=Arsiparis%20Terampil%20Dinas%20Dukcapil");
        var position = positions.GetProperty("items")[0].GetProperty("id").GetGuid();
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/org/users?q=Eka%20Saputra");
        var user = users.GetProperty("items")[0].GetProperty("id").GetGuid();
        // A day far from the real one, so the database's own current_date can never agree by chance.
        var created = await admin.PostAsJsonAsync($"/api/org/positions/{position}/acting",
            new { userId = user, kind = "Plh", from = "2031-05-20", to = "2031-05-20" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var lateEvening = At(new DateTimeOffset(2031, 5, 19, 23, 0, 0, TimeSpan.FromHours(7)));
        var afterMidnight = At(new DateTimeOffset(2031, 5, 20, 1, 30, 0, TimeSpan.FromHours(7)));

        Assert.Empty((await lateEvening.Accounts.ProfileAsync(user, CancellationToken.None))!.Acting);
        var acting = Assert.Single((await afterMidnight.Accounts.ProfileAsync(user, CancellationToken.None))!.Acting);
        Assert.Equal(position, acting.PositionId);
        Assert.Null((await lateEvening.Org.PositionAsync(position, CancellationToken.None))!.Acting);
        Assert.Equal(user, (await afterMidnight.Org.PositionAsync(position, CancellationToken.None))!.Acting!.UserId);
    }

    private (UserAccounts Accounts, PositionStore Org) At(DateTimeOffset when)
    {
        var time = TestClock.At(when.ToUniversalTime());
        var city = new CityClock(time);
        var services = directory.Service.Services;
        return (ActivatorUtilities.CreateInstance<UserAccounts>(services, time, city), ActivatorUtilities.CreateInstance<PositionStore>(services, city));
    }
}
