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

/// <summary>
/// What delivering a letter did: the positions it reached, and what the caller still writes with its own in one statement
/// each: their timeline entries (<see cref="LetterTimeline.AppendAllAsync"/>) and <see cref="LetterReceived"/> events
/// (<see cref="UnitOfWork.PublishAllAsync"/>).
/// </summary>
public sealed record Delivery(IReadOnlyList<Guid> Positions, IReadOnlyList<TimelineAppend> Timeline, IReadOnlyList<LetterReceived> Events);

/// <summary>Sending a signed letter to every recipient, and read receipts.</summary>
public sealed class SendFlow(Db db, LetterStore letters, OrgChart org, Dispatches dispatches, TimeProvider clock)
{
    /// <summary>
    /// Signed → Sent, by the signer or the secretariat of the letter's unit: one inbox entry and one
    /// <see cref="LetterReceived"/> per internal recipient position (a unit means its head); each external
    /// recipient's dispatch (e-mail or paper) recorded in the same transaction, for the mailer or the secretariat.
    /// A fixed number of statements whatever the number of recipients (each kind of row is written for all at once).
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
        var delivery = await DeliverAsync(uow, a, incoming: false, ct);
        var queued = await dispatches.QueueAsync(uow, a, caller, senderPosition);
        await LetterTimeline.AppendAllAsync(uow, id, [
            new TimelineAppend(caller, senderPosition, TimelineActions.Sent, new { recipients = a.Recipients.Count, sender = senderTitle }, senderTitle),
            .. delivery.Timeline,
            .. queued,
        ]);
        var open = SecurityLevels.SubjectIsPublic(l.Security);
        // The events in the order they always had: each recipient's LetterReceived, LetterSent, then the content.
        await uow.PublishAllAsync([
            .. delivery.Events,
            new LetterSent(id, l.Number!, l.LetterDate!.Value, l.Type, open ? l.Subject : null, open ? l.Summary : null,
                l.ClassificationCode, l.Security, l.Urgency, l.UnitId ?? Guid.Empty, l.SignerPositionId ?? Guid.Empty,
                a.Recipients.Select(r => new LetterRecipient(r.PositionId, r.UnitId,
                    r.ExternalName is null ? null : new ExternalRecipient(r.ExternalName, r.ExternalAddress, r.ExternalEmail), r.Cc)).ToList(),
                clock.GetUtcNow())
            {
                DrafterPositionId = l.DrafterPositionId,
                ReviewerPositionIds = a.Reviewers,
                SignerTitle = l.SignerTitle,
            },
            .. ContentOf(l),
        ]);
        await uow.CommitAsync();
    }

    /// <summary>
    /// The text EOffice's own services need (Archive's index, Disposition's lists), on the internal
    /// exchange: never for secret letters, whose text stays here (then nothing).
    /// </summary>
    public IReadOnlyList<LetterContent> ContentOf(LetterRow l) =>
        SecurityLevels.IsSecret(l.Security) ? [] : [new LetterContent(l.Id, l.Security, l.Subject, l.Summary, l.Body, clock.GetUtcNow())];

    /// <summary>
    /// Puts a letter in each internal recipient's inbox (resolving units to their head positions); returns the positions
    /// with, per position, a timeline entry and a <see cref="LetterReceived"/> for the caller to write with its own.
    /// External recipients are not delivered here (see <see cref="Dispatches"/>). The org chart is read once for all
    /// recipients, and the inbox rows written in one statement.
    /// </summary>
    public async Task<Delivery> DeliverAsync(UnitOfWork uow, LetterAggregate a, bool incoming, CancellationToken ct)
    {
        var l = a.Letter;
        var internalRecipients = a.Recipients.Where(r => r.ExternalName is null).ToList();
        if (internalRecipients.Count == 0)
        {
            return new Delivery([], [], []);
        }

        var heads = await org.HeadsOfUnitsAsync(
            internalRecipients.Where(r => r.PositionId is null && r.UnitId is not null).Select(r => r.UnitId!.Value), ct, uow);
        var delivered = new List<Guid>();
        var rows = new List<(Guid RecipientId, Guid Position, bool Cc)>();
        foreach (var r in internalRecipients)
        {
            var target = r.PositionId ?? (r.UnitId is { } unit && heads.TryGetValue(unit, out var head) ? head : null);
            // A position reached twice (to and cc, or a unit and its head) gets one inbox entry.
            if (target is not { } position || delivered.Contains(position))
            {
                continue;
            }

            delivered.Add(position);
            rows.Add((r.Id, position, r.Cc));
        }

        if (rows.Count == 0)
        {
            return new Delivery([], [], []);
        }

        // The sender as the inbox names it: the signer's position title only when nothing better is known.
        var signer = l.SenderInstitution is null && l.SignerTitle is null ? l.SignerPositionId : null;
        var positions = (await org.PositionsAsync(signer is { } s ? [.. delivered, s] : delivered, ct, uow)).ToDictionary(p => p.Id);
        var sender = l.SenderInstitution ?? l.SignerTitle ?? (signer is { } si ? positions.GetValueOrDefault(si)?.Title : null);
        var now = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            update letter_recipients r set target_position_id = d.position, delivered_at = @now
            from unnest(@ids::uuid[], @targets::uuid[]) as d (id, position)
            where r.id = d.id
            """,
            new { ids = rows.Select(d => d.RecipientId).ToArray(), targets = rows.Select(d => d.Position).ToArray(), now });
        var open = SecurityLevels.SubjectIsPublic(l.Security);
        var events = rows.Select(d => new LetterReceived(l.Id, l.Number ?? l.AgendaNumber ?? "", open ? l.Subject : null, l.Security, l.Urgency,
            d.Position, positions.GetValueOrDefault(d.Position)?.UnitId ?? Guid.Empty, d.Cc, incoming, l.ClassificationCode,
            l.LetterDate ?? DateOnly.FromDateTime(now.UtcDateTime), l.UnitId ?? Guid.Empty, now)
        {
            Sender = sender,
            AgendaNumber = l.AgendaNumber,
            SenderNumber = l.SenderNumber,
            SenderDate = l.SenderDate,
            ReceivedAt = l.ReceivedAt,
        }).ToList();
        var timeline = rows.Select(d => new TimelineAppend(null, d.Position, TimelineActions.Delivered,
            new { to = positions.GetValueOrDefault(d.Position)?.Title, d.Cc })).ToList();
        return new Delivery(delivered, timeline, events);
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
