using System.Security.Cryptography;
using EOffice.ServiceDefaults.Data;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>
/// ECDSA P-256 keys a service signs with, per purpose (e.g. <c>tokens</c>, <c>seal</c>): a PKCS#8 PEM
/// given in configuration signs; otherwise one is generated once and kept in the schema's
/// <c>service_keys</c>, under an advisory lock so replicas starting together create one. Keys kept
/// in the schema always remain for verification, so configuring a key later breaks no old seal.
/// </summary>
public sealed class ServiceKeys(Db db)
{
    /// <summary>The keys for a purpose, newest first (the first signs; all verify).</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> LoadAsync(string purpose, string? configuredPem, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.service-keys.' || @purpose))", new { purpose });
        var stored = await uow.QueryAsync<string>(
            "select private_key from service_keys where purpose = @purpose and retired_at is null order by created_at desc", new { purpose });
        var keys = stored.Select(s =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(s), out _);
            return ToSecurityKey(ecdsa);
        }).ToList();

        if (!string.IsNullOrWhiteSpace(configuredPem))
        {
            // A configured key signs from now on; keys kept before it still verify what they signed.
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(configuredPem);
            keys.Insert(0, ToSecurityKey(ecdsa));
        }
        else if (keys.Count == 0)
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pkcs8 = Convert.ToBase64String(generated.ExportPkcs8PrivateKey());
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8), out _);
            var key = ToSecurityKey(ecdsa);
            await uow.ExecuteAsync(
                "insert into service_keys (kid, purpose, private_key) values (@kid, @purpose, @pkcs8)", new { kid = key.KeyId, purpose, pkcs8 });
            keys.Add(key);
        }

        await uow.CommitAsync();
        return keys;
    }

    private static ECDsaSecurityKey ToSecurityKey(ECDsa ecdsa)
    {
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
