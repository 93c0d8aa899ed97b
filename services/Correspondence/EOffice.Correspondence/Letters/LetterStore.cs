using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Correspondence.Letters;

/// <summary>Loads letters and decides, for a caller, whether they exist at all (404 otherwise).</summary>
public sealed class LetterStore(Db db, OrgChart org)
{
    private const string LetterSelect = "select * from letters where id = @id";

    /// <summary>
    /// The caller as a viewer: positions held or acted for today, the position held now, and the units
    /// they are secretariat of, all as the org-chart copy says now. The token's position, unit and roles
    /// count only while the copy does not know the user at all: a person moved since the token was
    /// issued acts for their new position, not the old one.
    /// </summary>
    public async Task<Viewer> ViewerAsync(Caller caller, CancellationToken ct, UnitOfWork? uow = null)
    {
        var positions = (await org.PositionsOfAsync(caller.UserId, ct, uow)).ToHashSet();
        var user = await org.UserAsync(caller.UserId, ct, uow);
        Guid? held;
        Guid? unit;
        bool secretariat;
        if (user is null)
        {
            // The local org copy may still be loading; the token's own position is signed by Directory.
            held = caller.PositionId;
            unit = caller.UnitId;
            secretariat = caller.IsIn("secretariat");
        }
        else
        {
            held = user.PositionId ?? (positions.Count > 0 ? positions.First() : null);
            unit = user.PositionId is { } own ? (await org.PositionAsync(own, ct, uow))?.UnitId : null;
            secretariat = user.Roles.Contains("secretariat") && caller.IsIn("secretariat");
        }

        if (held is { } h)
        {
            positions.Add(h);
        }

        var secretariatUnits = new HashSet<Guid>();
        if (secretariat && unit is { } u)
        {
            secretariatUnits.UnionWith(await org.AgencyUnitsAsync(u, ct, uow));
        }

        return new Viewer(caller.UserId, positions, secretariatUnits, held);
    }

    /// <summary>Loads a letter the caller may see (optionally locked for update in <paramref name="uow"/>); 404 otherwise.</summary>
    public async Task<(LetterAggregate Letter, Viewer Viewer)> VisibleAsync(Guid id, Caller caller, CancellationToken ct, UnitOfWork? uow = null)
    {
        var viewer = await ViewerAsync(caller, ct, uow);
        var letter = await LoadAsync(id, ct, uow) ?? throw ProblemException.NotFound("letter");
        if (!LetterVisibility.CanSee(await InvolvementAsync(letter, ct, uow), viewer))
        {
            throw ProblemException.NotFound("letter");
        }

        return (letter, viewer);
    }

    /// <summary>Loads a letter with its parts, or null. With <paramref name="uow"/>, the letter row is locked.</summary>
    public async Task<LetterAggregate?> LoadAsync(Guid id, CancellationToken ct, UnitOfWork? uow = null)
    {
        var letter = uow is null
            ? await db.QuerySingleOrDefaultAsync<LetterRow>(LetterSelect, new { id }, ct)
            : await uow.QuerySingleOrDefaultAsync<LetterRow>(LetterSelect + " for update", new { id });
        if (letter is null)
        {
            return null;
        }

        Task<IReadOnlyList<T>> Query<T>(string sql) => uow is null ? db.QueryAsync<T>(sql, new { id }, ct) : uow.QueryAsync<T>(sql, new { id });
        var reviewers = await Query<Guid>("select position_id from letter_reviewers where letter_id = @id order by step");
        var decisions = await Query<DecisionRow>("select step, position_id, user_id, decision, comment, decided_at from review_decisions where letter_id = @id order by decided_at, id");
        var recipients = await Query<RecipientRow>("select * from letter_recipients where letter_id = @id order by ordinal");
        var attachments = await Query<AttachmentRow>("select id, file_name, content_type, size, sha256, uploaded_at from attachments where letter_id = @id order by uploaded_at, id");
        var dispositions = await Query<Guid>("select position_id from letter_disposition_positions where letter_id = @id");
        var forwards = await Query<Guid>("select distinct position_id from letter_forward_targets where letter_id = @id");
        return new LetterAggregate(letter, reviewers, decisions, recipients, attachments, dispositions) { ForwardPositions = forwards };
    }

    /// <summary>The relations that decide who may see the letter.</summary>
    public async Task<LetterInvolvement> InvolvementAsync(LetterAggregate a, CancellationToken ct, UnitOfWork? uow = null)
    {
        var l = a.Letter;
        var targets = a.Recipients.Where(r => r.TargetPositionId is not null).Select(r => r.TargetPositionId!.Value).ToList();
        var positions = targets.Append(l.SignerPositionId ?? Guid.Empty).Append(l.DrafterPositionId ?? Guid.Empty).Where(p => p != Guid.Empty);
        var units = (await org.PositionsAsync(positions, ct, uow)).Select(p => p.UnitId).Append(l.UnitId ?? Guid.Empty).Where(u => u != Guid.Empty).ToHashSet();
        // A recalled letter is no longer delivered: its recipients and the secretariat stop seeing it.
        return new LetterInvolvement(l.Security, l.RecalledAt is null ? l.Status : LetterStatus.Recalled, l.DrafterUserId, l.DrafterPositionId, a.Reviewers, l.SignerPositionId,
            targets, a.DispositionPositions, units, a.ForwardPositions);
    }

    /// <summary>The letter as the API shows it.</summary>
    public async Task<LetterView> ViewAsync(LetterAggregate a, CancellationToken ct)
    {
        var l = a.Letter;
        var positionIds = a.Reviewers
            .Concat(a.Recipients.Select(r => r.TargetPositionId ?? r.PositionId ?? Guid.Empty))
            .Append(l.SignerPositionId ?? Guid.Empty).Append(l.DrafterPositionId ?? Guid.Empty).Append(l.OnBehalfOfPositionId ?? Guid.Empty)
            .Where(p => p != Guid.Empty);
        var positions = (await org.PositionsAsync(positionIds, ct)).ToDictionary(p => p.Id);
        PositionRef? Ref(Guid? id) => id is { } p
            ? positions.TryGetValue(p, out var pos) ? new PositionRef(p, pos.Title, pos.UnitId, pos.UnitName) : new PositionRef(p, null, null, null)
            : null;

        // Once signed, the signer is named as they signed (Plt./Plh. for an acting holder), whatever the org chart says today.
        PositionRef? SignerRef() => Ref(l.SignerPositionId) is { } r && l.SignerTitle is { } signedAs ? r with { Title = signedAs } : Ref(l.SignerPositionId);

        var deciders = new Dictionary<Guid, string>();
        foreach (var userId in a.Decisions.Select(d => d.UserId).Distinct())
        {
            deciders[userId] = (await org.UserAsync(userId, ct))?.Name ?? "";
        }

        var reviews = a.Reviewers.Select((p, i) =>
        {
            var last = a.Decisions.LastOrDefault(d => d.Step == i + 1 && d.PositionId == p);
            return new ReviewView(i + 1, Ref(p)!, last?.Decision, last?.Comment, last?.DecidedAt, last is null ? null : deciders[last.UserId]);
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
            Dispatch = l.SentAt is null ? null : await Dispatch.Dispatches.OfLetterAsync(db, l.Id, ct),
            // Before signing, the delegator as the org chart names it; once signed, as signed.
            OnBehalfOf = l.OnBehalfOfPositionId is { } behalf
                ? new Delegations.OnBehalfView(behalf, l.OnBehalfKind, l.OnBehalfTitle ?? Ref(behalf)?.Title)
                : null,
            Recall = l.RecalledAt is { } recalled ? new Recall.RecallView(recalled, l.RecallReason ?? "", l.RecalledByUserId) : null,
            ReplyToLetterId = l.ReplyToLetterId,
        };
    }

    /// <summary>The document types in use.</summary>
    public async Task<IReadOnlySet<string>> LetterTypesAsync(CancellationToken ct, UnitOfWork? uow = null) =>
        (uow is null
            ? await db.QueryAsync<string>("select code from letter_types where active", ct: ct)
            : await uow.QueryAsync<string>("select code from letter_types where active")).ToHashSet(StringComparer.Ordinal);
}
