using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Correspondence.Signing;

/// <summary>Applies <see cref="SigningAuthority"/> with the org-chart copy: at draft, submit and sign (400 on <c>signerPositionId</c>).</summary>
public sealed class SignerCheck(OrgChart org)
{
    /// <summary>Refuses a signer that may not sign a letter of <paramref name="drafterPositionId"/>.</summary>
    public async Task RequireAsync(Guid signerPositionId, Guid? drafterPositionId, CancellationToken ct, UnitOfWork? uow = null)
    {
        var signer = await org.PositionAsync(signerPositionId, ct, uow) ?? throw ProblemException.Invalid("signerPositionId", "No such position.");
        var chain = drafterPositionId is { } drafter ? await org.ChainAsync(drafter, ct, uow) : [];
        if (!SigningAuthority.MaySign(signer, chain, await DelegatedForAsync(signer, ct, uow)))
        {
            throw ProblemException.Invalid("signerPositionId", SigningAuthority.Refusal);
        }
    }

    // The seam for delegations (a.n./u.b.): the positions a delegation lets this signer sign for.
    // None are recorded yet; when /api/delegations exists, read the signer's current delegations here.
    private static Task<IReadOnlyCollection<OrgPosition>> DelegatedForAsync(OrgPosition signer, CancellationToken ct, UnitOfWork? uow)
    {
        _ = (signer, ct, uow);
        return Task.FromResult<IReadOnlyCollection<OrgPosition>>([]);
    }
}
