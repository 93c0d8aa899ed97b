using Dapper;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Letters;

/// <summary>Loads letters and decides, for a caller, whether they exist at all (404 otherwise).</summary>
public sealed class LetterStore(Db db, OrgChart org)
{
    private const string LetterColumns =
        """
        id, direction, type, subject, summary, body, classification_code, security, urgency, status, drafter_user_id, drafter_position_id,
        unit_id, signer_position_id, signed_by_user_id, signed_as, signer_title, review_step, number, letter_date, signed_at, content_hash,
        seal, seal_key_id, verification_code, sent_at, sender_institution, sender_number, sender_date, received_at, agenda_number, version,
        created_at, updated_at, purged_at, document_sha256, event, on_behalf_of_position_id, on_behalf_kind, on_behalf_title, recalled_at,
        recall_reason, recalled_by_user_id, reply_to_letter_id
        """;

    // A letter with its parts, the positions and deciders it names and its dispatches: one batch, one round trip.
    private static readonly string ReadBatch = LetterBatch("");
    private static readonly string LockBatch = LetterBatch(" for update");

    private static string LetterBatch(string lockRow) =>
        $"""
        select {LetterColumns} from letters where id = @id{lockRow};
        select position_id from letter_reviewers where letter_id = @id order by step;
        select step, position_id, user_id, decision, comment, decided_at from review_decisions where letter_id = @id order by decided_at, id;
        select id, ordinal, cc, position_id, unit_id, external_name, external_address, external_email, target_position_id, delivered_at,
               dispatched_at, read_at
        from letter_recipients where letter_id = @id order by ordinal;
        select id, file_name, content_type, size, sha256, uploaded_at from attachments where letter_id = @id order by uploaded_at, id;
        select position_id from letter_disposition_positions where letter_id = @id;
        select distinct position_id from letter_forward_targets where letter_id = @id;
        {OrgChart.PositionSelect}where p.id in (
            select position_id from letter_reviewers where letter_id = @id
            union select position_id from letter_recipients where letter_id = @id
            union select target_position_id from letter_recipients where letter_id = @id
            union select unnest(array[signer_position_id, drafter_position_id, on_behalf_of_position_id]) from letters where id = @id);
        select id, name from org_users where id in (select user_id from review_decisions where letter_id = @id);
        {Dispatch.Dispatches.OfLetterSql}
        """;

    /// <summary>
    /// The caller as a viewer: positions held or acted for today, the position held now, and the units
    /// they are secretariat of, all as the org-chart copy says now. The token's position, unit and roles
    /// count only while the copy does not know the user at all: a person moved since the token was
    /// issued acts for their new position, not the old one.
    /// </summary>
    public async Task<Viewer> ViewerAsync(Caller caller, CancellationToken ct, UnitOfWork? uow = null)
    {
        var standing = await org.StandingAsync(caller.UserId, caller.IsIn("secretariat"), ct, uow);
        var positions = standing.Positions.ToHashSet();
        var secretariatUnits = new HashSet<Guid>();
        Guid? held;
        if (standing.User is not { } user)
        {
            // The local org copy may still be loading; the token's own position is signed by Directory.
            held = caller.PositionId;
            if (caller.IsIn("secretariat") && caller.UnitId is { } unit)
            {
                secretariatUnits.UnionWith(await org.AgencyUnitsAsync(unit, ct, uow));
            }
        }
        else
        {
            held = user.PositionId ?? (positions.Count > 0 ? positions.First() : null);
            secretariatUnits.UnionWith(standing.AgencyUnits);
        }

        if (held is { } h)
        {
            positions.Add(h);
        }

        return new Viewer(caller.UserId, positions, secretariatUnits, held);
    }

    /// <summary>Loads a letter the caller may see (optionally locked for update in <paramref name="uow"/>); 404 otherwise.</summary>
    public async Task<(LetterAggregate Letter, Viewer Viewer)> VisibleAsync(Guid id, Caller caller, CancellationToken ct, UnitOfWork? uow = null)
    {
        var viewer = await ViewerAsync(caller, ct, uow);
        var letter = await LoadAsync(id, ct, uow) ?? throw ProblemException.NotFound("letter");
        if (!LetterVisibility.CanSee(Involvement(letter), viewer))
        {
            throw ProblemException.NotFound("letter");
        }

        return (letter, viewer);
    }

    /// <summary>
    /// Loads a letter with its parts, or null, in one round trip. With <paramref name="uow"/>, the letter row is locked.
    /// </summary>
    public Task<LetterAggregate?> LoadAsync(Guid id, CancellationToken ct, UnitOfWork? uow = null) =>
        uow is null
            ? db.QueryMultipleAsync(ReadBatch, new { id, letterId = id }, ReadAsync, ct)
            : uow.QueryMultipleAsync(LockBatch, new { id, letterId = id }, ReadAsync);

    private static async Task<LetterAggregate?> ReadAsync(SqlMapper.GridReader grid)
    {
        var letter = await grid.ReadSingleOrDefaultAsync<LetterRow>();
        if (letter is null)
        {
            return null;
        }

        var reviewers = (await grid.ReadAsync<Guid>()).AsList();
        var decisions = (await grid.ReadAsync<DecisionRow>()).AsList();
        var recipients = (await grid.ReadAsync<RecipientRow>()).AsList();
        var attachments = (await grid.ReadAsync<AttachmentRow>()).AsList();
        var dispositions = (await grid.ReadAsync<Guid>()).AsList();
        var forwards = (await grid.ReadAsync<Guid>()).AsList();
        var positions = (await grid.ReadAsync<OrgPosition>()).ToDictionary(p => p.Id);
        var deciders = (await grid.ReadAsync<(Guid Id, string Name)>()).ToDictionary(u => u.Id, u => u.Name);
        var dispatches = Dispatch.Dispatches.Views(await grid.ReadAsync<Dispatch.Dispatches.DispatchRow>());
        return new LetterAggregate(letter, reviewers, decisions, recipients, attachments, dispositions)
        {
            ForwardPositions = forwards,
            Positions = positions,
            DeciderNames = deciders,
            Dispatches = dispatches,
        };
    }

    /// <summary>The relations that decide who may see the letter.</summary>
    public Task<LetterInvolvement> InvolvementAsync(LetterAggregate a, CancellationToken ct, UnitOfWork? uow = null) => Task.FromResult(Involvement(a));

    /// <summary>The relations that decide who may see the letter (from what <see cref="LoadAsync"/> read).</summary>
    public static LetterInvolvement Involvement(LetterAggregate a)
    {
        var l = a.Letter;
        var targets = a.Recipients.Where(r => r.TargetPositionId is not null).Select(r => r.TargetPositionId!.Value).ToList();
        var positions = targets.Append(l.SignerPositionId ?? Guid.Empty).Append(l.DrafterPositionId ?? Guid.Empty).Where(p => p != Guid.Empty).Distinct();
        var units = positions.Select(p => a.Positions.GetValueOrDefault(p)).OfType<OrgPosition>().Select(p => p.UnitId)
            .Append(l.UnitId ?? Guid.Empty).Where(u => u != Guid.Empty).ToHashSet();
        // A recalled letter is no longer delivered: its recipients and the secretariat stop seeing it.
        return new LetterInvolvement(l.Security, l.RecalledAt is null ? l.Status : LetterStatus.Recalled, l.DrafterUserId, l.DrafterPositionId, a.Reviewers, l.SignerPositionId,
            targets, a.DispositionPositions, units, a.ForwardPositions);
    }

    /// <summary>The letter as the API shows it.</summary>
    public Task<LetterView> ViewAsync(LetterAggregate a, CancellationToken ct) => Task.FromResult(View(a));

    /// <summary>A letter's timeline, oldest first, for whoever may see the letter (404 otherwise).</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Guid id, Caller caller, CancellationToken ct)
    {
        _ = await VisibleAsync(id, caller, ct);
        return await LetterTimeline.OfLetterAsync(db, id, ct);
    }

    /// <summary>The letter as the API shows it (from what <see cref="LoadAsync"/> read: no further queries).</summary>
    public static LetterView View(LetterAggregate a)
    {
        var l = a.Letter;
        var positions = a.Positions;
        PositionRef? Ref(Guid? id) => id is { } p
            ? positions.TryGetValue(p, out var pos) ? new PositionRef(p, pos.Title, pos.UnitId, pos.UnitName) : new PositionRef(p, null, null, null)
            : null;

        // Once signed, the signer is named as they signed (Plt./Plh. for an acting holder), whatever the org chart says today.
        PositionRef? SignerRef() => Ref(l.SignerPositionId) is { } r && l.SignerTitle is { } signedAs ? r with { Title = signedAs } : Ref(l.SignerPositionId);

        var reviews = a.Reviewers.Select((p, i) =>
        {
            var last = a.Decisions.LastOrDefault(d => d.Step == i + 1 && d.PositionId == p);
            return new ReviewView(i + 1, Ref(p)!, last?.Decision, last?.Comment, last?.DecidedAt, last is null ? null : a.DeciderNames.GetValueOrDefault(last.UserId, ""));
        }).ToList();
        var recipients = a.Recipients.Select(r => new RecipientView(
            r.Id, r.Cc, r.PositionId, r.UnitId,
            r.ExternalName is null ? null : new ExternalInput(r.ExternalName, r.ExternalAddress, r.ExternalEmail),
            // Before sending, an addressed position is its own target: a draft shows whom it is for.
            r.TargetPositionId, (r.TargetPositionId ?? r.PositionId) is { } t && positions.TryGetValue(t, out var tp) ? tp.Title : null,
            r.DeliveredAt, r.DispatchedAt, r.ReadAt)).ToList();
        var attachments = a.Attachments.Select(x => new AttachmentView(x.Id, x.FileName, x.ContentType, x.Size, x.Sha256, x.UploadedAt)).ToList();

        return new LetterView(
            l.Id, l.Direction, l.Type, l.RecalledAt is null ? l.Status : LetterStatus.Recalled, l.Subject, l.Summary, l.Body, l.ClassificationCode, l.Security, l.Urgency,
            l.Number, l.LetterDate, Ref(l.DrafterPositionId), l.DrafterUserId, reviews, l.ReviewStep, SignerRef(), l.SignedAt,
            l.VerificationCode, l.ContentHash, l.SentAt, attachments, recipients, l.SenderInstitution, l.SenderNumber, l.SenderDate,
            l.ReceivedAt, l.AgendaNumber, l.Version, l.CreatedAt, l.UpdatedAt, l.SignedAs, l.PurgedAt)
        {
            Event = EventRules.FromJson(l.Event),
            Dispatch = l.SentAt is null ? null : a.Dispatches,
            // Before signing, the delegator as the org chart names it; once signed, as signed.
            OnBehalfOf = l.OnBehalfOfPositionId is { } behalf
                ? new Delegations.OnBehalfView(behalf, l.OnBehalfKind, l.OnBehalfTitle ?? Ref(behalf)?.Title)
                : null,
            Recall = l.RecalledAt is { } recalled ? new Recall.RecallView(recalled, l.RecallReason ?? "", l.RecalledByUserId) : null,
            ReplyToLetterId = l.ReplyToLetterId,
        };
    }
}
