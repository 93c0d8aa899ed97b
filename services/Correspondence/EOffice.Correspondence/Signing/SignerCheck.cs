using EOffice.Correspondence.Delegations;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>Applies <see cref="SigningAuthority"/> with the org-chart copy: at draft, submit and sign (400 on <c>signerPositionId</c>).</summary>
public sealed class SignerCheck(OrgChart org, DelegationStore delegations)
{
    /// <summary>
    /// Refuses a signer that may not sign a letter of <paramref name="drafterPositionId"/>. A letter signed for
    /// <paramref name="onBehalfOf"/> (a.n./u.b.) needs a delegation to the signer for <paramref name="letterType"/>
    /// that has not ended (400 on <c>onBehalfOfPositionId</c>); signing checks the day itself (<see cref="AtSigningAsync"/>).
    /// </summary>
    public async Task RequireAsync(Guid signerPositionId, Guid? drafterPositionId, CancellationToken ct, UnitOfWork? uow = null,
        Guid? onBehalfOf = null, string? letterType = null)
    {
        var signer = await org.PositionAsync(signerPositionId, ct, uow) ?? throw ProblemException.Invalid("signerPositionId", "No such position.");
        var chain = drafterPositionId is { } drafter ? await org.ChainAsync(drafter, ct, uow) : [];
        IReadOnlyCollection<OrgPosition> signsFor = [];
        if (onBehalfOf is { } delegator)
        {
            var from = await org.PositionAsync(delegator, ct, uow) ?? throw ProblemException.Invalid("onBehalfOfPositionId", "Jabatan tidak ditemukan.");
            var held = await delegations.BetweenAsync(delegator, signerPositionId, ct, uow);
            if (!held.Any(d => DelegationRules.AllowsDrafting(d, letterType ?? "", org.Today)))
            {
                throw ProblemException.Invalid("onBehalfOfPositionId",
                    $"Penanda tangan tidak memiliki pendelegasian yang berlaku dari {from.Title} untuk jenis naskah {letterType}.");
            }

            signsFor = [from];
        }

        if (!SigningAuthority.MaySign(signer, chain, signsFor))
        {
            throw ProblemException.Invalid("signerPositionId", SigningAuthority.Refusal);
        }
    }

    /// <summary>
    /// At signing: the delegation that lets the signer sign for <paramref name="onBehalfOf"/> today (WIB), or 403
    /// saying why not (ended, not yet started, not for this letter type).
    /// </summary>
    public async Task<(Delegation Delegation, OrgPosition Delegator)> AtSigningAsync(Guid signerPositionId, Guid onBehalfOf, string letterType,
        CancellationToken ct, UnitOfWork? uow = null)
    {
        var delegator = await org.PositionAsync(onBehalfOf, ct, uow)
            ?? throw ProblemException.Forbidden("Jabatan yang diwakili tidak lagi ada dalam struktur organisasi; naskah tidak dapat ditandatangani atas namanya.");
        var held = await delegations.BetweenAsync(onBehalfOf, signerPositionId, ct, uow);
        return DelegationRules.AtSigning(held, letterType, org.Today, delegator.Title, out var refusal) is { } valid
            ? (valid, delegator)
            : throw ProblemException.Forbidden(refusal);
    }
}
