using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Tests;

/// <summary>An incoming letter's <c>receivedAt</c> lies between its date (WIB) and now, checked as a plain rule.</summary>
public sealed class ReceiptRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero); // 10:00 WIB
    private static readonly IReadOnlySet<string> Types = new HashSet<string> { "Surat Dinas" };

    private static IncomingRequest Request(DateTimeOffset? receivedAt, DateOnly? senderDate) => new(
        null, "Kementerian Dalam Negeri", "000.1/4521/SJ", senderDate, receivedAt, "Perihal", null, "000", "Biasa", "Biasa",
        [new RecipientInput(Guid.NewGuid(), null, null)], null);

    private static string[] Fields(IncomingRequest r)
    {
        try
        {
            LetterRules.Validate(r, Types, Now);
            return [];
        }
        catch (ProblemException e)
        {
            return [.. e.Errors!.Keys];
        }
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+00:00")]
    [InlineData("1900-01-01T00:00:00+00:00")]
    [InlineData("2026-11-25T03:06:00+00:00")]
    [InlineData("2026-11-26T00:00:00+07:00")]
    [InlineData("2026-11-19T23:59:00+07:00")]
    [InlineData("2026-11-19T16:59:00+00:00")]
    public void A_receipt_that_is_a_default_in_the_future_or_before_the_letters_WIB_date_is_refused(string receivedAt) =>
        Assert.Equal(["receivedAt"], Fields(Request(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 11, 20))));

    [Theory]
    [InlineData("2026-11-19T17:00:00+00:00")]
    [InlineData("2026-11-20T00:00:00+07:00")]
    [InlineData("2026-11-25T03:04:00+00:00")]
    public void A_receipt_from_the_start_of_the_letters_WIB_date_until_now_with_a_little_clock_skew_is_accepted(string receivedAt) =>
        Assert.Empty(Fields(Request(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 11, 20))));

    [Fact]
    public void A_letter_dated_in_the_future_is_refused_on_its_date() =>
        Assert.Equal(["senderDate"], Fields(Request(null, new DateOnly(2026, 11, 26))));

    [Fact]
    public void Without_a_receipt_time_the_registration_time_counts() =>
        Assert.Empty(Fields(Request(null, new DateOnly(2026, 11, 25))));
}
