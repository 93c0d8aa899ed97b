using EOffice.Correspondence.Delegations;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Recall;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Rules.Tests;

/// <summary>Delegated signing (a.n./u.b.) and recall as plain rules.</summary>
public sealed class DelegationAndRecallRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "Surat Dinas", "Nota Dinas" };

    private static Delegation Until(DateOnly to, DateOnly? from = null, params string[] types) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "an", types.Length == 0 ? ["Surat Dinas"] : types, from ?? to.AddDays(-10), to);

    [Fact]
    public void A_delegation_covers_its_letter_types_from_its_first_to_its_last_day_inclusive()
    {
        var d = Until(Today, Today.AddDays(-1));

        Assert.True(DelegationRules.Covers(d, "Surat Dinas", Today.AddDays(-1)));
        Assert.True(DelegationRules.Covers(d, "Surat Dinas", Today));
        Assert.False(DelegationRules.Covers(d, "Surat Dinas", Today.AddDays(1)));
        Assert.False(DelegationRules.Covers(d, "Surat Dinas", Today.AddDays(-2)));
        Assert.False(DelegationRules.Covers(d, "Nota Dinas", Today));
    }

    [Fact]
    public void At_signing_an_ended_delegation_is_refused_with_its_end_date()
    {
        var found = DelegationRules.AtSigning([Until(Today.AddDays(-1))], "Surat Dinas", Today, "Kepala Dinas", out var refusal);

        Assert.Null(found);
        Assert.Contains("telah berakhir pada 1 Desember 2026", refusal);
    }

    [Fact]
    public void At_signing_a_delegation_for_another_type_or_not_yet_started_is_refused_and_a_valid_one_is_chosen()
    {
        Assert.Null(DelegationRules.AtSigning([Until(Today, null, "Nota Dinas")], "Surat Dinas", Today, "Kepala Dinas", out var otherType));
        Assert.Contains("tidak mencakup jenis naskah Surat Dinas", otherType);
        Assert.Null(DelegationRules.AtSigning([Until(Today.AddDays(9), Today.AddDays(3))], "Surat Dinas", Today, "Kepala Dinas", out var later));
        Assert.Contains("baru berlaku mulai 5 Desember 2026", later);
        Assert.Null(DelegationRules.AtSigning([], "Surat Dinas", Today, "Kepala Dinas", out var none));
        Assert.Contains("tidak memiliki pendelegasian", none);

        var valid = Until(Today.AddDays(2));
        Assert.Same(valid, DelegationRules.AtSigning([Until(Today.AddDays(-1)), valid], "Surat Dinas", Today, "Kepala Dinas", out _));
    }

    [Fact]
    public void A_draft_may_name_a_delegator_whose_delegation_starts_later_but_not_one_that_ended()
    {
        Assert.True(DelegationRules.AllowsDrafting(Until(Today.AddDays(9), Today.AddDays(3)), "Surat Dinas", Today));
        Assert.False(DelegationRules.AllowsDrafting(Until(Today.AddDays(-1)), "Surat Dinas", Today));
    }

    [Fact]
    public void The_signer_is_named_a_n_or_u_b_the_delegator_then_their_own_title()
    {
        Assert.Equal("a.n. Kepala Dinas Kominfo, Sekretaris", DelegationRules.SignerTitle("an", "Kepala Dinas Kominfo", "Sekretaris"));
        Assert.Equal("u.b. Sekretaris Daerah, Plt. Kepala Bagian Umum", DelegationRules.SignerTitle("ub", "Sekretaris Daerah", "Plt. Kepala Bagian Umum"));
    }

    [Theory]
    [InlineData("kind")]
    [InlineData("letterTypes")]
    [InlineData("to")]
    [InlineData("toPositionId")]
    public void A_bad_delegation_names_its_field(string field)
    {
        var position = Guid.NewGuid();
        var r = new DelegationRequest(
            position, field == "toPositionId" ? position : Guid.NewGuid(), field == "kind" ? "pj" : "an",
            field == "letterTypes" ? [] : ["Surat Dinas"], Today, field == "to" ? Today.AddDays(-1) : Today);

        var e = Assert.Throws<ProblemException>(() => DelegationRules.Validate(r, Types, Today));

        Assert.Equal(400, e.Status);
        Assert.True(e.Errors!.ContainsKey(field), string.Join(", ", e.Errors.Keys));
    }

    [Fact]
    public void A_sent_letter_nobody_read_is_recallable_by_its_signer_only()
    {
        RecallRules.RequireRecallable(true, LetterDirection.Outgoing, LetterStatus.Sent, null, [new RecipientRead("Kepala Dinas", null)]);

        Assert.Equal(403, Assert.Throws<ProblemException>(() =>
            RecallRules.RequireRecallable(false, LetterDirection.Outgoing, LetterStatus.Sent, null, [])).Status);
        Assert.Equal("wrong-state", Assert.Throws<ProblemException>(() =>
            RecallRules.RequireRecallable(true, LetterDirection.Outgoing, LetterStatus.Signed, null, [])).Code);
        Assert.Equal("already-recalled", Assert.Throws<ProblemException>(() =>
            RecallRules.RequireRecallable(true, LetterDirection.Outgoing, LetterStatus.Sent, DateTimeOffset.UtcNow, [])).Code);
    }

    [Fact]
    public void A_letter_an_internal_recipient_read_needs_a_ralat()
    {
        var e = Assert.Throws<ProblemException>(() => RecallRules.RequireRecallable(true, LetterDirection.Outgoing, LetterStatus.Sent, null,
            [new RecipientRead("Sekretaris", null), new RecipientRead("Kepala Dinas", new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero))]));

        Assert.Equal(409, e.Status);
        Assert.Equal("already-read", e.Code);
        Assert.Contains("Kepala Dinas pada 2 Desember 2026 10.00 WIB", e.Detail);
        Assert.Contains("ralat", e.Detail);
    }
}
