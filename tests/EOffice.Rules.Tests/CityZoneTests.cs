using EOffice.ServiceDefaults.Text;
using EOffice.ServiceDefaults.Time;
using Xunit;

namespace EOffice.Rules.Tests;

/// <summary>The zone is process-wide: these tests run alone, after the others, and put WIB back.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CityZoneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "city zone";
}

[Collection(CityZoneCollection.Name)]
public sealed class CityZoneTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);

    public void Dispose() => CityZone.Use(null);

    [Theory]
    [InlineData(null, "Asia/Jakarta", "WIB", 7)]
    [InlineData("Asia/Jakarta", "Asia/Jakarta", "WIB", 7)]
    [InlineData("asia/pontianak", "Asia/Pontianak", "WIB", 7)]
    [InlineData("Asia/Makassar", "Asia/Makassar", "WITA", 8)]
    [InlineData("WITA", "Asia/Makassar", "WITA", 8)]
    [InlineData("Asia/Jayapura", "Asia/Jayapura", "WIT", 9)]
    public void A_city_chooses_one_of_indonesias_three_zones(string? configured, string id, string name, int hours)
    {
        var zone = CityZone.Use(configured);

        Assert.Equal((id, name, TimeSpan.FromHours(hours)), (zone.Id, zone.Name, zone.Offset));
        Assert.Equal(TimeSpan.FromHours(hours), CityClock.Offset);
        Assert.Equal(name, CityClock.ZoneName);
    }

    [Fact]
    public void Times_are_written_in_the_configured_zone_and_an_unknown_zone_fails_at_start()
    {
        Assert.Equal("2 Desember 2026 12.00 WIB", Indonesian.DateTime(Noon));

        CityZone.Use("Asia/Makassar");
        Assert.Equal("2 Desember 2026 13.00 WITA", Indonesian.DateTime(Noon));
        Assert.Equal(new DateOnly(2026, 12, 2), new CityClock(new FixedTime(Noon.AddHours(10.5))).Today);
        Assert.Equal(new DateOnly(2026, 12, 3), new CityClock(new FixedTime(Noon.AddHours(11.5))).Today);

        var refusal = Assert.Throws<InvalidOperationException>(() => CityZone.Use("Europe/Amsterdam"));
        Assert.Contains("City:TimeZone", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Asia/Jayapura (WIT)", refusal.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
