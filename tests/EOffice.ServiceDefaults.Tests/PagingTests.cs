using EOffice.ServiceDefaults.Http;

namespace EOffice.ServiceDefaults.Tests;

public sealed class PagingTests
{
    [Theory]
    [InlineData("YWJj")] // "abc": one part
    [InlineData("!!!")] // not base64url
    [InlineData("MR9ub3QtYS1ndWlk")] // "1", "not-a-guid"
    [InlineData("YWJjH2RlZg")] // "abc", "def"
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OR8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA")] // ticks out of range
    public void A_cursor_that_is_not_this_lists_is_a_400_on_after(string after)
    {
        var e = Assert.Throws<ProblemException>(() =>
        {
            var cursor = Paging.Read(after, 2);
            _ = cursor!.UtcTicks(0);
            _ = cursor.Id(1);
        });

        Assert.Equal(400, e.Status);
        Assert.True(e.Errors!.ContainsKey("after"));
    }

    [Fact]
    public void A_cursor_reads_back_the_sort_key_it_was_made_from()
    {
        var at = new DateTimeOffset(2026, 12, 2, 6, 30, 0, TimeSpan.Zero);
        var id = Guid.CreateVersion7();

        var cursor = Paging.Read(Paging.Encode(at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), id.ToString()), 2)!;

        Assert.Equal(at, cursor.UtcTicks(0));
        Assert.Equal(id, cursor.Id(1));
        Assert.Null(Paging.Read(null, 2));
    }
}
