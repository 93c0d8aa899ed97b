using EOffice.Correspondence.LetterTypes;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Threads;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Letters;

/// <summary>Creating, editing and discarding drafts (konsep).</summary>
public sealed class Drafts(Db db, LetterStore letters, LetterTypeStore letterTypes, OrgChart org, SignerCheck signers)
{
    /// <summary>Creates a draft for the caller; returns it as stored.</summary>
    public async Task<LetterAggregate> CreateAsync(DraftRequest r, Caller caller, CancellationToken ct)
    {
        if (r.ReplyToLetterId is { } original)
        {
            r = Replies.WithDefaults(r, await Replies.OriginalAsync(letters, original, caller, ct));
        }

        LetterRules.Validate(r, await letterTypes.ActiveCodesAsync(ct));
        await RequirePositionsAsync(r, ct);
        // The position the org chart says the caller holds now, not the one their token was issued for; or, for
        // someone acting for a second position (Plt/Plh), that one when they draft as it.
        var viewer = await letters.ViewerAsync(caller, ct);
        var drafterPosition = viewer.Position;
        if (r.DrafterPositionId is { } actingAs)
        {
            new FieldErrors().Check(viewer.Positions.Contains(actingAs), "drafterPositionId",
                "Not a position you hold or act for today.").ThrowIfAny();
            drafterPosition = actingAs;
        }

        await signers.RequireAsync(r.SignerPositionId!.Value, drafterPosition, ct, onBehalfOf: r.OnBehalfOfPositionId, letterType: r.Type);
        var signer = await org.PositionAsync(r.SignerPositionId!.Value, ct);

        await using var uow = await db.BeginAsync(ct);
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into letters (id, direction, type, subject, summary, body, classification_code, security, urgency, status,
                                 drafter_user_id, drafter_position_id, unit_id, signer_position_id, event, on_behalf_of_position_id)
            values (@id, 'Outgoing', @Type, @subject, @Summary, @Body, @ClassificationCode, @Security, @Urgency, 'Draft',
                    @drafter, @drafterPosition, @unitId, @SignerPositionId, @evt::jsonb, @OnBehalfOfPositionId)
            """,
            new
            {
                id,
                r.Type,
                subject = r.Subject!.Trim(),
                r.Summary,
                r.Body,
                r.ClassificationCode,
                r.Security,
                r.Urgency,
                drafter = caller.UserId,
                drafterPosition,
                unitId = signer?.UnitId,
                r.SignerPositionId,
                evt = EventRules.ToJson(EventRules.Check(new(), r.Type, r.Event)),
                r.OnBehalfOfPositionId,
            });
        await WriteParticipantsAsync(uow, id, r.Reviewers ?? [], r.To!, r.Cc ?? []);
        if (r.ReplyToLetterId is { } answered)
        {
            await Replies.LinkAsync(uow, id, answered);
        }

        await LetterTimeline.AppendAsync(uow, id, caller, drafterPosition, TimelineActions.Drafted);
        var created = (await letters.LoadAsync(id, ct, uow))!;
        await uow.CommitAsync();
        return created;
    }

    /// <summary>Replaces a draft's content (If-Match must carry the current version); returns it as stored.</summary>
    public async Task<LetterAggregate> UpdateAsync(Guid id, DraftRequest r, string? ifMatch, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var (letter, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        RequireDrafter(letter.Letter, caller, viewer);
        _ = LetterLifecycle.Next(letter.Letter.Status, LetterAction.Edit);
        LetterRules.RequireCurrent(ifMatch, letter.Letter.Version);
        LetterRules.Validate(r, await letterTypes.ActiveCodesAsync(ct, uow));
        await RequirePositionsAsync(r, ct, uow);
        await signers.RequireAsync(r.SignerPositionId!.Value, letter.Letter.DrafterPositionId, ct, uow, r.OnBehalfOfPositionId, r.Type);
        var signer = await org.PositionAsync(r.SignerPositionId!.Value, ct, uow);

        var version = letter.Letter.Version + 1;
        var evt = EventRules.ToJson(EventRules.Check(new(), r.Type, r.Event));
        await uow.ExecuteAsync(
            """
            update letters set type = @Type, subject = @subject, summary = @Summary, body = @Body, classification_code = @ClassificationCode,
                security = @Security, urgency = @Urgency, signer_position_id = @SignerPositionId, unit_id = @unitId,
                event = @evt::jsonb, on_behalf_of_position_id = @OnBehalfOfPositionId, version = @version, updated_at = now()
            where id = @id
            """,
            new
            {
                id,
                r.Type,
                subject = r.Subject!.Trim(),
                r.Summary,
                r.Body,
                r.ClassificationCode,
                r.Security,
                r.Urgency,
                r.SignerPositionId,
                unitId = signer?.UnitId,
                r.OnBehalfOfPositionId,
                version,
                evt,
            });
        await uow.ExecuteAsync("delete from letter_reviewers where letter_id = @id; delete from letter_recipients where letter_id = @id", new { id });
        await WriteParticipantsAsync(uow, id, r.Reviewers ?? [], r.To!, r.Cc ?? []);
        await LetterTimeline.AppendAsync(uow, id, caller, letter.Letter.DrafterPositionId, TimelineActions.Edited, new { version });
        var updated = (await letters.LoadAsync(id, ct, uow))!;
        await uow.CommitAsync();
        return updated;
    }

    /// <summary>Discards a draft that was never signed.</summary>
    public async Task DiscardAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var (letter, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        RequireDrafter(letter.Letter, caller, viewer);
        _ = LetterLifecycle.Next(letter.Letter.Status, LetterAction.Discard);
        await uow.ExecuteAsync("delete from letters where id = @id", new { id });
        await uow.AuditAsync(caller.UserId, "draft-discarded", "letter", id, new { letter.Letter.Subject });
        await uow.CommitAsync();
    }

    /// <summary>
    /// Only the drafter's position changes a draft (others who can see it get 403): drafts stay with the
    /// position, so a drafter moved elsewhere no longer may, and their successor (or Plt) may.
    /// </summary>
    public static void RequireDrafter(LetterRow letter, Caller caller, Viewer viewer)
    {
        var mayChange = letter.DrafterPositionId is { } position ? viewer.Positions.Contains(position) : letter.DrafterUserId == caller.UserId;
        if (!mayChange)
        {
            throw ProblemException.Forbidden("Only the drafter may change this letter.");
        }
    }

    /// <summary>Writes recipients (for drafts and incoming letters).</summary>
    public static async Task WriteRecipientsAsync(UnitOfWork uow, Guid letterId, IReadOnlyList<RecipientInput> to, IReadOnlyList<RecipientInput> cc)
    {
        // All of them in one statement, numbered in order: the addressees, then the copies.
        var all = to.Select(r => (Recipient: r, Cc: false)).Concat(cc.Select(r => (Recipient: r, Cc: true))).ToList();
        if (all.Count == 0)
        {
            return;
        }

        await uow.ExecuteAsync(
            """
            insert into letter_recipients (id, letter_id, ordinal, cc, position_id, unit_id, external_name, external_address, external_email)
            select r.id, @letterId, (r.n - 1)::int, r.cc, r.position_id, r.unit_id, r.name, r.address, r.email
            from unnest(@ids::uuid[], @ccs::boolean[], @positions::uuid[], @units::uuid[], @names::text[], @addresses::text[], @emails::text[])
                with ordinality as r (id, cc, position_id, unit_id, name, address, email, n)
            """,
            new
            {
                letterId,
                ids = all.Select(_ => Guid.CreateVersion7()).ToArray(),
                ccs = all.Select(x => x.Cc).ToArray(),
                positions = all.Select(x => x.Recipient.PositionId).ToArray(),
                units = all.Select(x => x.Recipient.UnitId).ToArray(),
                names = all.Select(x => x.Recipient.External?.Name?.Trim()).ToArray(),
                addresses = all.Select(x => x.Recipient.External?.Address).ToArray(),
                emails = all.Select(x => x.Recipient.External?.Email).ToArray(),
            });
    }

    /// <summary>Refuses recipients and reviewers that are not in the org chart (400 on the field).</summary>
    public async Task RequireKnownAsync(string field, IReadOnlyList<RecipientInput> recipients, CancellationToken ct, UnitOfWork? uow = null)
    {
        var errors = new FieldErrors();
        var known = (await org.PositionsAsync(recipients.Where(r => r.PositionId is not null).Select(r => r.PositionId!.Value), ct, uow)).Select(p => p.Id).ToHashSet();
        var heads = await org.HeadsOfUnitsAsync(recipients.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value), ct, uow);
        for (var i = 0; i < recipients.Count; i++)
        {
            if (recipients[i].PositionId is { } p && !known.Contains(p))
            {
                errors.Add($"{field}[{i}].positionId", "No such position.");
            }

            if (recipients[i].UnitId is { } u && !heads.ContainsKey(u))
            {
                errors.Add($"{field}[{i}].unitId", "No such unit, or it has no head position.");
            }
        }

        errors.ThrowIfAny();
    }

    private async Task RequirePositionsAsync(DraftRequest r, CancellationToken ct, UnitOfWork? uow = null)
    {
        await RequireKnownAsync("to", r.To!, ct, uow);
        await RequireKnownAsync("cc", r.Cc ?? [], ct, uow);
        var wanted = (r.Reviewers ?? []).Append(r.SignerPositionId!.Value).ToList();
        var known = (await org.PositionsAsync(wanted, ct, uow)).Select(p => p.Id).ToHashSet();
        var errors = new FieldErrors();
        errors.Check(known.Contains(r.SignerPositionId.Value), "signerPositionId", "No such position.");
        errors.Check((r.Reviewers ?? []).All(known.Contains), "reviewers", "No such position.");
        errors.ThrowIfAny();
    }

    private static async Task WriteParticipantsAsync(UnitOfWork uow, Guid id, IReadOnlyList<Guid> reviewers, IReadOnlyList<RecipientInput> to, IReadOnlyList<RecipientInput> cc)
    {
        if (reviewers.Count > 0)
        {
            await uow.ExecuteAsync(
                "insert into letter_reviewers (letter_id, step, position_id) select @id, r.step::int, r.position from unnest(@positions::uuid[]) with ordinality as r (position, step)",
                new { id, positions = reviewers.ToArray() });
        }

        await WriteRecipientsAsync(uow, id, to, cc);
    }
}
