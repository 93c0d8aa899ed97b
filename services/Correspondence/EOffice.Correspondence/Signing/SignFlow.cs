using EOffice.Contracts;
using EOffice.Correspondence.Delegations;
using EOffice.Correspondence.Documents;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Numbering;
using EOffice.Correspondence.Reviews;
using EOffice.Correspondence.Sealing;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Signing: the signer re-confirms who they are (<see cref="SignerConfirmation"/>: their password, or NIK
/// and passphrase with BSrE); then, in one transaction, the letter takes the next gapless number of its unit and year, its date, its seal, a verification code and its
/// signed PDF, and becomes immutable. A signing that fails or rolls back uses no number.
/// </summary>
public sealed class SignFlow(
    Db db, LetterStore letters, OrgChart org, SignerConfirmation confirmation, LetterSeal seal, SignerCheck signers, LetterDocuments documents, TimeProvider clock)
{
    /// <summary>Signs a letter that waits for the caller's signature; <paramref name="clientAddress"/> is where the request came from.</summary>
    public async Task<SignResponse> SignAsync(Guid id, SignRequest r, Caller caller, string clientAddress, CancellationToken ct)
    {
        confirmation.Validate(r);

        // Cheap checks first, so a wrong caller never reaches the password check.
        var (before, viewer) = await letters.VisibleAsync(id, caller, ct);
        RequireSignable(before, viewer);
        // A letter signed for a superior (a.n./u.b.) needs the delegation on the day of signing, not only when drafted.
        if (before.Letter.OnBehalfOfPositionId is { } delegator)
        {
            _ = await signers.AtSigningAsync(before.Letter.SignerPositionId!.Value, delegator, before.Letter.Type, ct);
        }

        await signers.RequireAsync(before.Letter.SignerPositionId!.Value, before.Letter.DrafterPositionId, ct,
            onBehalfOf: before.Letter.OnBehalfOfPositionId, letterType: before.Letter.Type);
        var credentials = await confirmation.ConfirmAsync(r, caller, clientAddress, ct);

        await using var uow = await db.BeginAsync(ct);
        var (a, _) = await letters.VisibleAsync(id, caller, ct, uow);
        RequireSignable(a, viewer);
        var l = a.Letter;
        var signer = await org.PositionAsync(l.SignerPositionId!.Value, ct, uow)
            ?? throw ProblemException.Conflict("unknown-signer", "The signer's position is no longer in the org chart.");

        // An acting holder signs as "Plt./Plh. <title>"; recorded now so it stays true after the acting period.
        var signedAs = await org.ActingKindAsync(caller.UserId, signer.Id, ct, uow);
        var ownTitle = OrgChart.TitleAs(signer.Title, signedAs);
        // Signed for a superior: "a.n. <delegator's title>, <signer>", and the letter is the delegator's unit's (its number too).
        (Delegation? Delegation, OrgPosition? Delegator) onBehalf = l.OnBehalfOfPositionId is { } delegatorId
            ? await signers.AtSigningAsync(signer.Id, delegatorId, l.Type, ct, uow)
            : (null, null);
        var numberingUnit = onBehalf.Delegator ?? signer;
        var signerTitle = onBehalf is ({ } delegation, { } d) ? DelegationRules.SignerTitle(delegation.Kind, d.Title, ownTitle) : ownTitle;
        var date = org.Today;
        var code = LetterSeal.NewVerificationCode();
        var signedAt = clock.GetUtcNow();
        var facts = new SigningFacts("", date, code, ownTitle, caller.UserId, signedAt)
        {
            OnBehalfLine = onBehalf is ({ } how, { } by) ? DelegationRules.OnBehalfLine(how.Kind, by.Title) : null,
        };
        // The paper (org-chart reads, the agency's kop surat) is gathered before the number is taken: one unit's
        // signings queue on its counter, so only what needs the number happens while it is held.
        var paper = await documents.PaperAsync(a, facts, ct, uow);
        await uow.ExecuteAsync(
            "insert into review_decisions (id, letter_id, step, position_id, user_id, decision) values (@decisionId, @id, @step, @position, @userId, 'approve')",
            new { decisionId = Guid.CreateVersion7(), id, step = l.ReviewStep, position = signer.Id, userId = caller.UserId });

        // The type's register in force this year: the numbering unit's (the delegator's when signed a.n./u.b.), or its agency's.
        var register = await Registers.ForAsync(uow, l.Type, numberingUnit.UnitId, numberingUnit.UnitCode, date);
        var (sequence, number) = await Registers.NextNumberAsync(uow, register, l.ClassificationCode, date);
        facts = facts with { Number = number };
        var hash = LetterSeal.ContentHash(l, number, date, a.Recipients, a.Attachments.Select(x => x.Sha256));
        var (keyId, signature) = seal.Sign(hash);
        // The official PDF is rendered and signed while the number is held: a provider that fails rolls everything back.
        var documentSha256 = await documents.SignAndStoreAsync(paper, facts, uow, ct, credentials);

        await uow.ExecuteAsync(
            """
            update letters set status = @status, number = @number, number_scope = @scope, number_sequence = @sequence, letter_date = @date,
                signed_at = @signedAt, signed_by_user_id = @userId, unit_id = @unitId, content_hash = @hash, seal = @signature,
                seal_key_id = @keyId, verification_code = @code, signed_as = @signedAs, signer_title = @signerTitle, document_sha256 = @documentSha256,
                on_behalf_kind = @onBehalfKind, on_behalf_title = @onBehalfTitle, version = version + 1, updated_at = now()
            where id = @id
            """,
            new
            {
                id,
                status = LetterLifecycle.Next(l.Status, LetterAction.Sign),
                number,
                scope = register.Scope,
                sequence,
                date,
                userId = caller.UserId,
                unitId = numberingUnit.UnitId,
                hash,
                signature,
                keyId,
                code,
                signedAs,
                signerTitle,
                signedAt,
                documentSha256,
                onBehalfKind = onBehalf.Delegation?.Kind,
                onBehalfTitle = onBehalf.Delegator?.Title,
            });
        await LetterTimeline.AppendAsync(uow, id, caller, signer.Id, TimelineActions.Signed, new { number, date, signer = signerTitle, signedAs, onBehalfOf = onBehalf.Delegator?.Title, onBehalfKind = onBehalf.Delegation?.Kind },
            actorTitle: signerTitle);
        await uow.PublishAsync(new LetterSigned(id, number, date, signer.Id, numberingUnit.UnitId, clock.GetUtcNow())
        {
            SignerTitle = signerTitle,
            DrafterPositionId = l.DrafterPositionId,
        });
        await uow.CommitAsync();
        return new SignResponse(number, date, code, hash);
    }

    private static void RequireSignable(LetterAggregate a, Viewer viewer)
    {
        if (a.Letter.SignerPositionId is not { } signer || !viewer.Positions.Contains(signer))
        {
            throw ProblemException.Forbidden("Only the signer (or the signer's acting holder) may sign this letter.");
        }

        _ = LetterLifecycle.Next(a.Letter.Status, LetterAction.Sign);
        if (!ReviewFlow.AwaitsSignature(a))
        {
            throw ProblemException.Conflict("review-pending", "The letter is still with a reviewer.");
        }
    }
}
