namespace EOffice.ServiceDefaults.Tests;

public sealed class TimestampTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Offsets => new() { "+07:00", "+09:00", "-05:30", "Z" };

    [Theory]
    [MemberData(nameof(Offsets))]
    public async Task A_time_with_any_offset_is_stored_as_the_same_instant(string offset)
    {
        var at = DateTimeOffset.Parse($"2026-12-30T16:00:00{offset}", System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset? maybe = at;

        var stored = await host.Db.ExecuteScalarAsync<DateTimeOffset>("select @at::timestamptz", new { at });
        var storedNullable = await host.Db.ExecuteScalarAsync<DateTimeOffset>("select @maybe::timestamptz", new { maybe });
        var asText = await host.Db.ExecuteScalarAsync<string>("select to_char(@at::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI')", new { at });

        Assert.Equal(at, stored);
        Assert.Equal(at, storedNullable);
        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), asText);
    }

    [Fact]
    public async Task A_missing_time_is_null()
    {
        DateTimeOffset? none = null;
        Assert.True(await host.Db.ExecuteScalarAsync<bool>("select @none::timestamptz is null", new { none }));
    }
}
