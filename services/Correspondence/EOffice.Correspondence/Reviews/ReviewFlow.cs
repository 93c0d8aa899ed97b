using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Reviews;

/// <summary>The review chain (verifikasi/paraf): each reviewer in order, then the signer.</summary>
public sealed class ReviewFlow(Db db, LetterStore letters, SignerCheck signers, TimeProvider clock)
{
    /// <summary>The position whose turn it is at a step (1-based): a reviewer, or the signer after the last one.</summary>
    public static Guid? PositionAt(LetterAggregate a, int step) =>
        step >= 1 && step <= a.Reviewers.Count ? a.Reviewers[step - 1] : step == a.Reviewers.Count + 1 ? a.Letter.SignerPositionId : null;

    /// <summary>Whether the letter waits for its signer.</summary>
    public static bool AwaitsSignature(LetterAggregate a) =>
        a.Letter.Status == LetterStatus.InReview && a.Letter.ReviewStep == a.Reviewers.Count + 1;

    /// <summary>Draft → InReview: the first reviewer (or the signer) is asked.</summary>
    public async Task SubmitAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        Drafts.RequireDrafter(a.Letter, caller, viewer);
        var next = LetterLifecycle.Next(a.Letter.Status, LetterAction.Submit);
        if (a.Letter.SignerPositionId is null || !a.Recipients.Any(r => !r.Cc))
        {
            throw ProblemException.Conflict("incomplete", "A letter needs a signer and at least one addressee before it is submitted.");
        }

        await signers.RequireAsync(a.Letter.SignerPositionId.Value, a.Letter.DrafterPositionId, ct, uow, a.Letter.OnBehalfOfPositionId, a.Letter.Type);

        await uow.ExecuteAsync("update letters set status = @next, review_step = 1, version = version + 1, updated_at = now() where id = @id", new { id, next });
        await LetterTimeline.AppendAsync(uow, id, caller, a.Letter.DrafterPositionId, TimelineActions.Submitted);
        await RequestAsync(uow, a, 1);
        await uow.CommitAsync();
    }

    /// <summary>The current reviewer approves (next step is asked) or returns it to Draft with a comment.</summary>
    public async Task ReviewAsync(Guid id, ReviewRequest r, Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(r.Decision is "approve" or "return", "decision", "approve or return.");
        errors.Check(r.Decision != "return" || !string.IsNullOrWhiteSpace(r.Comment), "comment", "Say why the letter is returned.");
        errors.Check(r.Comment is null || r.Comment.Length <= 2000, "comment", "At most 2000 characters.");
        errors.ThrowIfAny();

        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        var next = LetterLifecycle.Next(a.Letter.Status, r.Decision == "approve" ? LetterAction.Approve : LetterAction.Return);
        var step = a.Letter.ReviewStep;
        var position = PositionAt(a, step) ?? throw new InvalidOperationException("review step out of range");
        if (!viewer.Positions.Contains(position))
        {
            throw ProblemException.Forbidden("It is not your turn to review this letter.");
        }

        if (r.Decision == "approve" && AwaitsSignature(a))
        {
            throw ProblemException.Conflict("sign-instead", "You are the signer: sign the letter, or return it.");
        }

        await uow.ExecuteAsync(
            """
            insert into review_decisions (id, letter_id, step, position_id, user_id, decision, comment)
            values (@decisionId, @id, @step, @position, @userId, @Decision, @Comment)
            """, new { decisionId = Guid.CreateVersion7(), id, step, position, userId = caller.UserId, r.Decision, r.Comment });

        if (r.Decision == "approve")
        {
            await uow.ExecuteAsync("update letters set status = @next, review_step = review_step + 1, version = version + 1, updated_at = now() where id = @id", new { id, next });
            await LetterTimeline.AppendAsync(uow, id, caller, position, TimelineActions.Reviewed, new { step, decision = "approve", r.Comment });
            await RequestAsync(uow, a, step + 1);
        }
        else
        {
            await uow.ExecuteAsync("update letters set status = @next, review_step = 0, version = version + 1, updated_at = now() where id = @id", new { id, next });
            await LetterTimeline.AppendAsync(uow, id, caller, position, TimelineActions.Returned, new { step, r.Comment });
            var open = SecurityLevels.SubjectIsPublic(a.Letter.Security);
            await uow.PublishAsync(new LetterReturned(id, open ? a.Letter.Subject : null, a.Letter.Security, position, r.Comment,
                a.Letter.DrafterPositionId ?? Guid.Empty, clock.GetUtcNow()));
        }

        await uow.CommitAsync();
    }

    private async Task RequestAsync(UnitOfWork uow, LetterAggregate a, int step)
    {
        var position = PositionAt(a, step) ?? throw new InvalidOperationException("review step out of range");
        var open = SecurityLevels.SubjectIsPublic(a.Letter.Security);
        await uow.PublishAsync(new LetterReviewRequested(a.Letter.Id, open ? a.Letter.Subject : null, a.Letter.Security, position, step,
            step == a.Reviewers.Count + 1, a.Letter.DrafterPositionId ?? Guid.Empty, clock.GetUtcNow()));
    }
}
