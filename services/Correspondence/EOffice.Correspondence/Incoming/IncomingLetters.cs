using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.LetterTypes;
using EOffice.Correspondence.Numbering;
using EOffice.Correspondence.Sending;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Correspondence.Incoming;

/// <summary>
/// Surat masuk: the secretariat registers a letter received from outside. It gets the next gapless
/// agenda number of the receiving unit and year and lands in the addressees' inboxes.
/// </summary>
public sealed class IncomingLetters(Db db, LetterStore letters, LetterTypeStore letterTypes, Drafts drafts, SendFlow sending, OrgChart org, TimeProvider clock)
{
    /// <summary>Registers an incoming letter; returns its id.</summary>
    public async Task<Guid> RegisterAsync(IncomingRequest r, Caller caller, CancellationToken ct)
    {
        LetterRules.Validate(r, await letterTypes.ActiveCodesAsync(ct), clock.GetUtcNow());
        await drafts.RequireKnownAsync("to", r.To!, ct);
        await drafts.RequireKnownAsync("cc", r.Cc ?? [], ct);
        var viewer = await letters.ViewerAsync(caller, ct);
        await RequireOwnAgencyAsync(r, viewer, ct);

        var first = r.To![0];
        var firstPosition = first.PositionId ?? await org.HeadOfUnitAsync(first.UnitId!.Value, ct);
        var receiving = (await org.PositionAsync(firstPosition!.Value, ct))!;
        var receivedAt = r.ReceivedAt ?? clock.GetUtcNow();
        var year = CityClock.InCity(receivedAt).Year;

        await using var uow = await db.BeginAsync(ct);
        var scope = NumberFormat.Scope("agenda", receiving.UnitId, year);
        var sequence = await Counters.NextAsync(uow, scope);
        var agenda = NumberFormat.Apply(NumberFormat.Agenda, r.ClassificationCode!, sequence, receiving.UnitCode, DateOnly.FromDateTime(receivedAt.UtcDateTime));
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into letters (id, direction, type, subject, summary, classification_code, security, urgency, status, drafter_user_id,
                                 drafter_position_id, unit_id, letter_date, sender_institution, sender_number, sender_date, received_at,
                                 agenda_number, agenda_scope, agenda_sequence)
            values (@id, 'Incoming', @type, @subject, @Summary, @ClassificationCode, @Security, @Urgency, 'Received', @userId,
                    @positionId, @unitId, @SenderDate, @institution, @SenderNumber, @SenderDate, @receivedAt,
                    @agenda, @scope, @sequence)
            """,
            new
            {
                id,
                type = r.Type ?? "Surat Dinas",
                subject = r.Subject!.Trim(),
                r.Summary,
                r.ClassificationCode,
                r.Security,
                r.Urgency,
                userId = caller.UserId,
                positionId = viewer.Position,
                unitId = receiving.UnitId,
                r.SenderDate,
                institution = r.SenderInstitution!.Trim(),
                r.SenderNumber,
                receivedAt,
                agenda,
                scope,
                sequence,
            });
        await Drafts.WriteRecipientsAsync(uow, id, r.To!, r.Cc ?? []);
        var letter = (await letters.LoadAsync(id, ct, uow))!;
        var delivery = await sending.DeliverAsync(uow, letter, incoming: true, ct);
        await LetterTimeline.AppendAllAsync(uow, id, [
            new TimelineAppend(caller, viewer.Position, TimelineActions.Registered, new { agendaNumber = agenda, from = r.SenderInstitution, r.SenderNumber }),
            .. delivery.Timeline,
        ]);
        var open = SecurityLevels.SubjectIsPublic(r.Security!);
        // Each recipient's LetterReceived, then the registration and the content, in one statement.
        await uow.PublishAllAsync([
            .. delivery.Events,
            new IncomingLetterRegistered(id, agenda, r.SenderInstitution!, r.SenderNumber, open ? r.Subject : null,
                r.ClassificationCode!, r.Security!, r.Urgency!, receiving.UnitId,
                letter.Recipients.Select(x => new LetterRecipient(x.PositionId, x.UnitId, null, x.Cc)).ToList(), clock.GetUtcNow())
            {
                Summary = open ? r.Summary : null,
                SenderDate = r.SenderDate,
                RegisteredByPositionId = viewer.Position,
            },
            .. sending.ContentOf(letter.Letter),
        ]);
        await uow.CommitAsync();
        return id;
    }

    /// <summary>
    /// A secretariat registers letters only for its own agency (its unit and the units below it):
    /// every addressee and cc outside it is a 403 naming the field.
    /// </summary>
    private async Task RequireOwnAgencyAsync(IncomingRequest r, Viewer viewer, CancellationToken ct)
    {
        var outside = new List<string>();
        foreach (var (field, recipients) in new[] { ("to", r.To!), ("cc", r.Cc ?? []) })
        {
            var positions = (await org.PositionsAsync(recipients.Where(x => x.PositionId is not null).Select(x => x.PositionId!.Value), ct))
                .ToDictionary(p => p.Id, p => p.UnitId);
            for (var i = 0; i < recipients.Count; i++)
            {
                var unit = recipients[i].UnitId ?? (recipients[i].PositionId is { } p && positions.TryGetValue(p, out var u) ? u : null);
                if (unit is not { } known || !viewer.SecretariatUnits.Contains(known))
                {
                    outside.Add($"{field}[{i}]");
                }
            }
        }

        if (outside.Count > 0)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "outside-agency", "Forbidden",
                $"A secretariat registers letters only for its own agency; {string.Join(", ", outside)} is outside it.",
                outside.ToDictionary(f => f, _ => new[] { "Outside your agency." }));
        }
    }
}
