using EOffice.Archive.Classification;
using EOffice.Archive.Disposal;
using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Http;
using Xunit;

namespace EOffice.Rules.Tests;

public sealed class LifecycleTests
{
    [Theory]
    [InlineData(LetterStatus.Draft, LetterAction.Submit, LetterStatus.InReview)]
    [InlineData(LetterStatus.InReview, LetterAction.Approve, LetterStatus.InReview)]
    [InlineData(LetterStatus.InReview, LetterAction.Return, LetterStatus.Draft)]
    [InlineData(LetterStatus.InReview, LetterAction.Sign, LetterStatus.Signed)]
    [InlineData(LetterStatus.Signed, LetterAction.Send, LetterStatus.Sent)]
    [InlineData(LetterStatus.Draft, LetterAction.Edit, LetterStatus.Draft)]
    [InlineData(LetterStatus.Received, LetterAction.Attach, LetterStatus.Received)]
    [InlineData(LetterStatus.Draft, LetterAction.Discard, LetterLifecycle.Discarded)]
    public void A_letter_moves_from_draft_through_review_and_signing_to_sent(string from, LetterAction action, string to) =>
        Assert.Equal(to, LetterLifecycle.Next(from, action));

    [Fact]
    public void Nothing_but_its_table_moves_a_letter_and_a_refusal_names_the_states_that_allow_the_action()
    {
        string[] states = [LetterStatus.Draft, LetterStatus.InReview, LetterStatus.Signed, LetterStatus.Sent, LetterStatus.Received, LetterStatus.Recalled];
        var allowed = LetterLifecycle.All.Select(t => (t.From, t.Action)).ToHashSet();
        foreach (var state in states)
        {
            foreach (var action in Enum.GetValues<LetterAction>())
            {
                if (allowed.Contains((state, action)))
                {
                    Assert.True(LetterLifecycle.Allows(state, action));
                    continue;
                }

                var refusal = Assert.Throws<ProblemException>(() => LetterLifecycle.Next(state, action));
                Assert.Equal(409, refusal.Status);
                Assert.Contains($"state {state}", refusal.Detail!, StringComparison.Ordinal);
                Assert.All(LetterLifecycle.AllowedIn(action), s => Assert.Contains(s, refusal.Detail!, StringComparison.Ordinal));
            }
        }

        // A signed or sent letter is immutable: no edit, no attachment, no second signature.
        Assert.False(LetterLifecycle.Allows(LetterStatus.Signed, LetterAction.Edit));
        Assert.False(LetterLifecycle.Allows(LetterStatus.Sent, LetterAction.Attach));
        Assert.False(LetterLifecycle.Allows(LetterStatus.Signed, LetterAction.Sign));
    }
}

public sealed class DispositionLifecycleTests
{
    [Theory]
    [InlineData("Open", DispositionAction.Read, "Read")]
    [InlineData("Read", DispositionAction.Work, "InProgress")]
    [InlineData("InProgress", DispositionAction.Read, "InProgress")]
    [InlineData("InProgress", DispositionAction.Complete, "Completed")]
    [InlineData("Open", DispositionAction.Complete, "Completed")]
    [InlineData("Open", DispositionAction.Cancel, "Cancelled")]
    public void A_disposition_is_read_worked_on_and_completed_or_cancelled_while_unread(string from, DispositionAction action, string to) =>
        Assert.Equal(to, DispositionLifecycle.Next(from, action, "x"));

    [Theory]
    [InlineData("Read", DispositionAction.Cancel)]
    [InlineData("InProgress", DispositionAction.Cancel)]
    [InlineData("Completed", DispositionAction.Work)]
    [InlineData("Completed", DispositionAction.Complete)]
    [InlineData("Cancelled", DispositionAction.Read)]
    [InlineData("Cancelled", DispositionAction.Work)]
    public void Completed_and_cancelled_are_final_and_a_read_disposition_cannot_be_withdrawn(string from, DispositionAction action)
    {
        var refusal = Assert.Throws<ProblemException>(() => DispositionLifecycle.Next(from, action, "forwarded"));
        Assert.Equal(409, refusal.Status);
        Assert.Equal($"A {from} disposition cannot be forwarded.", refusal.Detail);
        Assert.False(DispositionLifecycle.Allows(from, action));
    }
}

public sealed class RecordLifecycleTests
{
    [Theory]
    [InlineData(RecordStates.Active, RecordAction.Retire, RecordStates.Inactive)]
    [InlineData(RecordStates.Active, RecordAction.FallDue, RecordStates.DueForDisposal)]
    [InlineData(RecordStates.Inactive, RecordAction.FallDue, RecordStates.DueForDisposal)]
    [InlineData(RecordStates.DueForDisposal, RecordAction.Destroy, RecordStates.Destroyed)]
    [InlineData(RecordStates.DueForDisposal, RecordAction.Transfer, RecordStates.Permanent)]
    public void A_record_goes_from_active_to_inactive_to_due_and_then_is_destroyed_or_transferred(string from, RecordAction action, string to) =>
        Assert.Equal(to, RecordLifecycle.Next(from, action, "800/1/2026"));

    [Fact]
    public void Destroyed_and_permanent_are_final_and_only_a_due_record_is_disposed_of()
    {
        string[] states = [RecordStates.Active, RecordStates.Inactive, RecordStates.DueForDisposal, RecordStates.Destroyed, RecordStates.Permanent];
        var allowed = RecordLifecycle.All.Select(t => (t.From, t.Action)).ToHashSet();
        foreach (var state in states)
        {
            foreach (var action in Enum.GetValues<RecordAction>().Where(a => !allowed.Contains((state, a))))
            {
                var refusal = Assert.Throws<ProblemException>(() => RecordLifecycle.Next(state, action, "800/1/2026"));
                Assert.Equal(409, refusal.Status);
                Assert.StartsWith($"Arsip 800/1/2026 berstatus {state}, tidak dapat ", refusal.Detail!, StringComparison.Ordinal);
            }
        }

        Assert.Equal([RecordStates.DueForDisposal], RecordLifecycle.AllowedIn(RecordAction.Destroy));
        Assert.Equal([RecordStates.Active, RecordStates.Inactive], RecordLifecycle.AllowedIn(RecordAction.FallDue));
        Assert.Equal("'Active', 'Inactive'", RecordLifecycle.SqlList(RecordLifecycle.AllowedIn(RecordAction.FallDue)));
    }

    [Theory]
    [InlineData(FinalDisposition.Destroy, RecordAction.Destroy)]
    [InlineData(FinalDisposition.Permanent, RecordAction.Transfer)]
    [InlineData(FinalDisposition.Review, null)]
    public void The_final_disposition_decides_what_approval_does_and_review_records_must_be_appraised_first(string final, RecordAction? expected) =>
        Assert.Equal(expected, RecordLifecycle.DisposalOf(final));
}
