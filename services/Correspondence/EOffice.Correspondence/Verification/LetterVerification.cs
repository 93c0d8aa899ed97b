using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Sealing;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Verification;

/// <summary>Checks a verification code (the QR code on the printed form): finds its letter and checks the seal.</summary>
public sealed class LetterVerification(Db db, LetterStore letters, LetterSeal seal, OrgChart org)
{
    /// <summary>What the code's letter says about itself (null when no letter has the code), its seal checked against its content.</summary>
    public async Task<VerificationResult?> VerifyAsync(string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var id = normalized.Length is > 0 and <= 32
            ? await db.QuerySingleOrDefaultAsync<Guid?>("select id from letters where verification_code = @normalized", new { normalized }, ct)
            : null;
        var a = id is { } letterId ? await letters.LoadAsync(letterId, ct) : null;
        if (a is null)
        {
            return null;
        }

        var l = a.Letter;
        // A purged letter (every record destroyed under a berita acara) keeps its seal and hash but no content to
        // recompute it from: the seal over the recorded hash is all there is to check.
        var sealed_ = seal.Verify(l.ContentHash!, l.SealKeyId!, l.Seal!);
        var intact = l.PurgedAt is not null
            ? sealed_
            : sealed_ && LetterSeal.ContentHash(l, l.Number!, l.LetterDate!.Value, a.Recipients, a.Attachments.Select(x => x.Sha256)) == l.ContentHash;
        var signer = l.SignedByUserId is { } s ? await org.UserAsync(s, ct) : null;
        var position = l.SignerPositionId is { } p ? a.Positions.GetValueOrDefault(p) : null;
        // As signed: an acting holder is named "Plt./Plh. <title>", recorded at signing.
        var title = l.SignerTitle ?? position?.Title;
        var named = l.SignedAs is null || signer is null ? signer?.Name : $"{signer.Name} ({title})";
        return new VerificationResult(
            intact, l.Number, l.LetterDate, named, title, l.Security == SecurityLevels.Biasa ? l.Subject : null,
            l.ContentHash, l.SignedAt, !intact ? "The letter's content no longer matches its seal."
                : l.PurgedAt is not null ? "The letter is authentic; its content was destroyed under an approved disposal (berita acara)." : null,
            l.SignedAs)
        {
            PurgedAt = l.PurgedAt,
            DocumentSha256 = l.DocumentSha256,
            RecalledAt = l.RecalledAt,
            Type = l.Type,
        };
    }
}
