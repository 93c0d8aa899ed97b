using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Recall;

/// <summary>The signer's withdrawal of a sent letter (<c>{ reason }</c>).</summary>
public sealed record RecallRequest(string? Reason);

/// <summary>A recall as the letter shows it.</summary>
public sealed record RecallView(DateTimeOffset At, string Reason, Guid? ByUserId);

/// <summary>
/// Recall (penarikan naskah): in one transaction the letter is marked recalled, its recipients lose it
/// (inbox entries and visibility), the timeline records who recalled it and why, and
/// <see cref="LetterRecalled"/> goes out (Notification withdraws the notices, Archive marks its records).
/// </summary>
public sealed class RecallFlow(Db db, LetterStore letters, OrgChart org, TimeProvider clock)
{
    /// <summary>The timeline action of a recall.</summary>
    public const string TimelineAction = "recalled";

    /// <summary>Recalls a sent letter for its signer.</summary>
    public async Task RecallAsync(Guid id, RecallRequest r, Caller caller, CancellationToken ct)
    {
        RecallRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        // The row lock serialises a recall with a recipient's first read (which takes the same lock).
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        var l = a.Letter;
        var internalRecipients = a.Recipients.Where(x => x.TargetPositionId is not null && x.DeliveredAt is not null).ToList();
        var titles = (await org.PositionsAsync(internalRecipients.Select(x => x.TargetPositionId!.Value), ct, uow)).ToDictionary(p => p.Id, p => p.Title);
        RecallRules.RequireRecallable(
            l.SignerPositionId is { } s && viewer.Positions.Contains(s), l.Direction, l.Status, l.RecalledAt,
            internalRecipients.Select(x => new RecipientRead(titles.GetValueOrDefault(x.TargetPositionId!.Value), x.ReadAt)).ToList());

        var now = clock.GetUtcNow();
        var reason = r.Reason!.Trim();
        await uow.ExecuteAsync(
            """
            update letters set recalled_at = @now, recall_reason = @reason, recalled_by_user_id = @userId, version = version + 1, updated_at = now()
            where id = @id
            """, new { id, now, reason, userId = caller.UserId });
        var recipients = internalRecipients.Select(x => x.TargetPositionId!.Value).Distinct().ToList();
        var title = await LetterTimeline.TitleAsAsync(uow, org, caller.UserId, l.SignerPositionId, ct);
        await LetterTimeline.AppendAsync(uow, id, caller, l.SignerPositionId, TimelineAction,
            new { reason, recipients = recipients.Select(p => titles.GetValueOrDefault(p)).ToList() }, actorTitle: l.SignerTitle ?? title);
        await uow.PublishAsync(new LetterRecalled(id, l.Number!, l.SignerPositionId!.Value, reason, recipients, now));
        await uow.CommitAsync();
    }
}
