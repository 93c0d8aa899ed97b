using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Correspondence.Sealing;

/// <summary>
/// The seal of a signed letter (PP 71/2019): SHA-256 over its canonical content (metadata, body,
/// recipients and the SHA-256 of each attachment), signed with the service's ECDSA key. Anyone with
/// the verification code can check that the stored content still matches.
/// </summary>
public sealed class LetterSeal(ServiceKeys store, IConfiguration configuration)
{
    private IReadOnlyList<ECDsaSecurityKey> _keys = [];

    /// <summary>Loads the seal keys (at start-up).</summary>
    public async Task LoadAsync(CancellationToken ct) =>
        _keys = await store.LoadAsync("seal", configuration["Correspondence:SealKeyPem"], ct);

    /// <summary>The canonical content hash, hex.</summary>
    public static string ContentHash(LetterRow l, string number, DateOnly date, IEnumerable<RecipientRow> recipients, IEnumerable<string> attachmentHashes)
    {
        var canonical = new
        {
            l.Id,
            l.Type,
            l.Subject,
            l.Summary,
            l.Body,
            l.ClassificationCode,
            l.Security,
            l.Urgency,
            number,
            date = date.ToString("yyyy-MM-dd"),
            l.SignerPositionId,
            recipients = recipients.OrderBy(r => r.Ordinal).Select(r => new { r.Cc, r.PositionId, r.UnitId, r.ExternalName }),
            attachments = attachmentHashes.Order(StringComparer.Ordinal),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, JsonSerializerOptions.Web)));
    }

    /// <summary>Signs a content hash; returns the key id and the base64url signature.</summary>
    public (string KeyId, string Signature) Sign(string contentHash)
    {
        var key = _keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("Seal keys not loaded.");
        var signature = key.ECDsa.SignData(Encoding.ASCII.GetBytes(contentHash), HashAlgorithmName.SHA256);
        return (key.KeyId, Base64UrlEncoder.Encode(signature));
    }

    /// <summary>Whether a signature over a content hash is ours.</summary>
    public bool Verify(string contentHash, string keyId, string signature)
    {
        var key = _keys.FirstOrDefault(k => k.KeyId == keyId);
        try
        {
            return key is not null && key.ECDsa.VerifyData(Encoding.ASCII.GetBytes(contentHash), Base64UrlEncoder.DecodeBytes(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A new public verification code: 12 characters of Crockford base32 (60 random bits).</summary>
    public static string NewVerificationCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }
}

/// <summary>Loads the seal keys at start-up (after migrations).</summary>
internal sealed class LetterSealLoader(LetterSeal seal) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => seal.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
