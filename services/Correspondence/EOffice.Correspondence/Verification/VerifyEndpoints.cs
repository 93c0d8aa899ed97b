using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Sealing;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Correspondence.Verification;

/// <summary>What anyone holding a verification code learns (the subject only for Biasa letters).</summary>
public sealed record VerificationResult(
    bool Valid, string? Number, DateOnly? Date, string? Signer, string? SignerPosition, string? Subject, string? ContentHash,
    DateTimeOffset? SignedAt, string? Reason, string? SignedAs = null)
{
    /// <summary>When the letter's content was destroyed (its records disposed of), if it was.</summary>
    public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>Public verification of a signed letter (the QR code on the printed form).</summary>
public static class VerifyEndpoints
{
    /// <summary>Maps <c>GET /verify/{code}</c> (anonymous; rate-limited at the gateway).</summary>
    public static void MapVerifyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/verify/{code}", async (string code, Db db, LetterStore letters, LetterSeal seal, OrgChart org, CancellationToken ct) =>
        {
            var normalized = code.Trim().ToUpperInvariant();
            var id = normalized.Length is > 0 and <= 32
                ? await db.QuerySingleOrDefaultAsync<Guid?>("select id from letters where verification_code = @normalized", new { normalized }, ct)
                : null;
            var a = id is { } letterId ? await letters.LoadAsync(letterId, ct) : null;
            if (a is null)
            {
                return Results.NotFound(new VerificationResult(false, null, null, null, null, null, null, null, "No letter has this verification code."));
            }

            var l = a.Letter;
            // A purged letter (every record destroyed under a berita acara) keeps its seal and hash but no content to
            // recompute it from: the seal over the recorded hash is all there is to check.
            var sealed_ = seal.Verify(l.ContentHash!, l.SealKeyId!, l.Seal!);
            var intact = l.PurgedAt is not null
                ? sealed_
                : sealed_ && LetterSeal.ContentHash(l, l.Number!, l.LetterDate!.Value, a.Recipients, a.Attachments.Select(x => x.Sha256)) == l.ContentHash;
            var signer = l.SignedByUserId is { } s ? await org.UserAsync(s, ct) : null;
            var position = l.SignerPositionId is { } p ? await org.PositionAsync(p, ct) : null;
            // As signed: an acting holder is named "Plt./Plh. <title>", recorded at signing.
            var title = l.SignerTitle ?? position?.Title;
            var named = l.SignedAs is null || signer is null ? signer?.Name : $"{signer.Name} ({title})";
            return Results.Ok(new VerificationResult(
                intact, l.Number, l.LetterDate, named, title, l.Security == SecurityLevels.Biasa ? l.Subject : null,
                l.ContentHash, l.SignedAt, !intact ? "The letter's content no longer matches its seal."
                    : l.PurgedAt is not null ? "The letter is authentic; its content was destroyed under an approved disposal (berita acara)." : null,
                l.SignedAs)
            {
                PurgedAt = l.PurgedAt,
            });
        }).AllowAnonymous().WithTags("Verification");
}
