using EOffice.Correspondence.Mailbox;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Tests;

/// <summary>Mailbox filter values, parsed as a plain rule.</summary>
public sealed class MailboxFilterParseTests
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string> { "Surat Dinas", "Nota Dinas" };

    [Fact]
    public void From_and_to_are_whole_days_in_WIB()
    {
        var filter = MailboxFilter.Parse(null, null, null, null, null, "2026-11-24", "2026-11-24", null, Types);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), filter.ToExclusive);
    }

    [Fact]
    public void Known_values_pass_through_and_blank_ones_mean_no_filter()
    {
        var filter = MailboxFilter.Parse(" ", "Nota Dinas", "SangatRahasia", "SangatSegera", "Received", "", null, "true", Types);

        Assert.Equal(new MailboxFilter(null, "Nota Dinas", "SangatRahasia", "SangatSegera", "Received", null, null, true), filter);
    }

    [Fact]
    public void Every_unknown_value_is_named()
    {
        var e = Assert.Throws<ProblemException>(() =>
            MailboxFilter.Parse(null, "Memo", "Top", "Kilat", "Archived", "24/11/2026", "2026-13-01", "ya", Types));

        Assert.Equal(400, e.Status);
        Assert.Equal(["from", "security", "status", "to", "type", "unread", "urgency"], e.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void To_before_from_is_refused() =>
        Assert.Contains("to", Assert.Throws<ProblemException>(() => MailboxFilter.Parse(null, null, null, null, null, "2026-11-24", "2026-11-23", null, Types)).Errors!.Keys);
}
