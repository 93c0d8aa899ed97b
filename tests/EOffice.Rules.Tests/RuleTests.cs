using EOffice.Correspondence.Letters;
using EOffice.Directory.Org;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Rules.Tests;

/// <summary>The pure rules, tested where they are cheapest: no database, no HTTP.</summary>
public sealed class RuleTests
{
    private static readonly Guid Drafter = Guid.NewGuid(), Reviewer = Guid.NewGuid(), Signer = Guid.NewGuid(), Recipient = Guid.NewGuid(),
        Assignee = Guid.NewGuid(), Stranger = Guid.NewGuid(), Unit = Guid.NewGuid();

    public static readonly TheoryData<string, string, string, bool> Visibility = Matrix();

    // Every security level × every relation × before and after delivery: who sees the letter.
    private static TheoryData<string, string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var security in new[] { "Biasa", "Terbatas", "Rahasia", "SangatRahasia" })
        {
            var secret = security is "Rahasia" or "SangatRahasia";
            foreach (var status in new[] { "InReview", "Sent" })
            {
                var sent = status == "Sent";
                data.Add(security, status, "drafter", true);
                data.Add(security, status, "reviewer", true);
                data.Add(security, status, "signer", true);
                data.Add(security, status, "recipient", sent);
                data.Add(security, status, "disposition assignee", sent);
                data.Add(security, status, "secretariat of an involved unit", sent && !secret);
                data.Add(security, status, "stranger", false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Visibility))]
    public void Who_sees_a_letter_follows_its_security_level_and_the_viewers_relation(string security, string status, string relation, bool sees)
    {
        var letter = new LetterInvolvement(security, status, Guid.NewGuid(), Drafter, [Reviewer], Signer, [Recipient], [Assignee], [Unit]);
        var viewer = relation switch
        {
            "drafter" => Holding(Drafter),
            "reviewer" => Holding(Reviewer),
            "signer" => Holding(Signer),
            "recipient" => Holding(Recipient),
            "disposition assignee" => Holding(Assignee),
            "secretariat of an involved unit" => new Viewer(Guid.NewGuid(), new HashSet<Guid> { Stranger }, new HashSet<Guid> { Unit }),
            _ => Holding(Stranger),
        };

        Assert.Equal(sees, LetterVisibility.CanSee(letter, viewer));
    }

    private static Viewer Holding(Guid position) => new(Guid.NewGuid(), new HashSet<Guid> { position }, new HashSet<Guid>());

    [Fact]
    public void An_org_unit_cannot_be_moved_under_itself_or_its_descendants()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var parentOf = new Dictionary<Guid, Guid?> { [a] = null, [b] = a, [c] = b, [d] = a };

        Assert.True(OrgRules.WouldCycle(a, c, parentOf));
        Assert.True(OrgRules.WouldCycle(b, b, parentOf));
        Assert.False(OrgRules.WouldCycle(c, d, parentOf));
        Assert.False(OrgRules.WouldCycle(b, null, parentOf));
    }

    [Theory]
    [InlineData("2026-12-04T10:00:00+07:00", "SangatSegera", "2026-12-04T23:59:59.9999999+07:00")] // same day
    [InlineData("2026-12-04T10:00:00+07:00", "Segera", "2026-12-05T10:00:00+07:00")]               // 24 hours
    [InlineData("2026-12-04T10:00:00+07:00", "Biasa", "2026-12-11T23:59:59.9999999+07:00")]        // Fri + 5 working days
    [InlineData("2026-12-04T20:00:00Z", "SangatSegera", "2026-12-05T23:59:59.9999999+07:00")]      // 03:00 WIB: already Saturday
    public void A_disposition_is_due_by_the_letters_urgency_on_the_citys_calendar(string now, string urgency, string due)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), DispositionRules.DefaultDue(urgency, at, 5));
    }

    [Fact]
    public void The_city_day_begins_at_midnight_wib_not_utc()
    {
        var clock = new CityClock(new FixedTime(new DateTimeOffset(2026, 12, 2, 17, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 12, 3), clock.Today);
        Assert.Equal(TimeSpan.FromHours(7), clock.Now.Offset);
        Assert.Equal(0, clock.Now.Hour);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
