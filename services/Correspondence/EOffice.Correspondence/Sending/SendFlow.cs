using EOffice.Contracts;
using EOffice.Correspondence.Dispatch;
using EOffice.Correspondence.Forwarding;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Sending;

/// <summary>Sending a signed letter to every recipient, and read receipts.</summary>
public sealed class SendFlow(Db db, LetterStore letters, OrgChart org, Dispatches dispatches, TimeProvider clock)
{
    /// <summary>
    /// Signed → Sent, by the signer or the secretariat of the letter's unit: one inbox entry and one
    /// <see cref="LetterReceived"/> per internal recipient position (a unit means its head); each external
    /// recipient's dispatch (e-mail or paper) recorded in the same transaction, for the mailer or the secretariat.
    /// </summary>
    public async Task SendAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        var l = a.Letter;
        var bySigner = l.SignerPositionId is { } s && viewer.Positions.Contains(s);
        var bySecretariat = l.UnitId is { } u && viewer.SecretariatUnits.Contains(u);
        if (!bySigner && !bySecretariat)
        {
            throw ProblemException.Forbidden("Only the signer or the secretariat of the letter's unit may send it.");
        }

        var next = LetterLifecycle.Next(l.Status, LetterAction.Send);
        await uow.ExecuteAsync("update letters set status = @next, sent_at = now(), version = version + 1, updated_at = now() where id = @id", new { id, next });
        var senderPosition = bySigner ? l.SignerPositionId : viewer.Position;
        var senderTitle = await LetterTimeline.TitleAsAsync(uow, org, caller.UserId, senderPosition, ct);
        await LetterTimeline.AppendAsync(uow, id, caller, senderPosition, TimelineActions.Sent,
            new { recipients = a.Recipients.Count, sender = senderTitle }, actorTitle: senderTitle);
        await DeliverAsync(uow, a, caller, incoming: false, ct);
        await dispatches.QueueAsync(uow, a, caller, senderPosition);
        var open = SecurityLevels.SubjectIsPublic(l.Security);
        await uow.PublishAsync(new LetterSent(id, l.Number!, l.LetterDate!.Value, l.Type, open ? l.Subject : null, open ? l.Summary : null,
            l.ClassificationCode, l.Security, l.Urgency, l.UnitId ?? Guid.Empty, l.SignerPositionId ?? Guid.Empty,
            a.Recipients.Select(r => new LetterRecipient(r.PositionId, r.UnitId,
                r.ExternalName is null ? null : new ExternalRecipient(r.ExternalName, r.ExternalAddress, r.ExternalEmail), r.Cc)).ToList(),
            clock.GetUtcNow())
        {
            DrafterPositionId = l.DrafterPositionId,
            ReviewerPositionIds = a.Reviewers,
            SignerTitle = l.SignerTitle,
        });
        await PublishContentAsync(uow, l);
        await uow.CommitAsync();
    }

    /// <summary>
    /// The text EOffice's own services need (Archive's index, Disposition's lists), on the internal
    /// exchange: never for secret letters, whose text stays here.
    /// </summary>
    public Task PublishContentAsync(UnitOfWork uow, LetterRow l) =>
        SecurityLevels.IsSecret(l.Security)
            ? Task.CompletedTask
            : uow.PublishAsync(new LetterContent(l.Id, l.Security, l.Subject, l.Summary, l.Body, clock.GetUtcNow()));

    /// <summary>
    /// Puts a letter in each internal recipient's inbox (resolving units to their head positions); one
    /// <see cref="LetterReceived"/> per position. External recipients are not delivered here (see <see cref="Dispatches"/>).
    /// Returns the positions.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> DeliverAsync(UnitOfWork uow, LetterAggregate a, Caller caller, bool incoming, CancellationToken ct)
    {
        var l = a.Letter;
        var delivered = new List<Guid>();
        var now = clock.GetUtcNow();
        foreach (var r in a.Recipients)
        {
            if (r.ExternalName is not null)
            {
                continue;
            }

            var target = r.PositionId ?? (r.UnitId is { } unit ? await org.HeadOfUnitAsync(unit, ct, uow) : null);
            // A position reached twice (to and cc, or a unit and its head) gets one inbox entry.
            if (target is not { } position || delivered.Contains(position))
            {
                continue;
            }

            delivered.Add(position);
            var info = await org.PositionAsync(position, ct, uow);
            await uow.ExecuteAsync("update letter_recipients set target_position_id = @position, delivered_at = @now where id = @Id",
                new { r.Id, position, now });
            await LetterTimeline.AppendAsync(uow, l.Id, null, position, TimelineActions.Delivered, new { to = info?.Title, r.Cc });
            var open = SecurityLevels.SubjectIsPublic(l.Security);
            await uow.PublishAsync(new LetterReceived(l.Id, l.Number ?? l.AgendaNumber ?? "", open ? l.Subject : null, l.Security, l.Urgency,
                position, info?.UnitId ?? Guid.Empty, r.Cc, incoming, l.ClassificationCode, l.LetterDate ?? DateOnly.FromDateTime(now.UtcDateTime),
                l.UnitId ?? Guid.Empty, now)
            {
                Sender = l.SenderInstitution ?? l.SignerTitle ?? (l.SignerPositionId is { } sp ? (await org.PositionAsync(sp, ct, uow))?.Title : null),
                AgendaNumber = l.AgendaNumber,
                SenderNumber = l.SenderNumber,
                SenderDate = l.SenderDate,
                ReceivedAt = l.ReceivedAt,
            });
        }

        return delivered;
    }

    /// <summary>A read receipt for each of the caller's positions the letter was delivered to (the first read counts).</summary>
    public async Task<DateTimeOffset> ReadAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        var mine = a.Recipients.Where(r => r.TargetPositionId is { } p && viewer.Positions.Contains(p) && r.DeliveredAt is not null).ToList();
        var now = clock.GetUtcNow();
        // A letter forwarded to the caller has an inbox entry of its own to mark read.
        var forwarded = await Forwards.MarkReadAsync(uow, a, viewer, caller, now);
        if (mine.Count == 0 && !forwarded)
        {
            throw ProblemException.Forbidden("The letter was not delivered to any of your positions.");
        }

        foreach (var r in mine.Where(r => r.ReadAt is null))
        {
            await uow.ExecuteAsync("update letter_recipients set read_at = @now, read_by_user_id = @userId where id = @Id and read_at is null",
                new { r.Id, now, userId = caller.UserId });
            await LetterTimeline.AppendAsync(uow, id, caller, r.TargetPositionId, TimelineActions.Read);
            await uow.PublishAsync(new LetterRead(id, r.TargetPositionId!.Value, caller.UserId, now, a.Letter.SignerPositionId, now));
        }

        await uow.CommitAsync();
        return mine.Select(r => r.ReadAt).FirstOrDefault(t => t is not null) ?? now;
    }
}
