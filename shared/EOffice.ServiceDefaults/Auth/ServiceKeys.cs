using System.Security.Cryptography;
using EOffice.ServiceDefaults.Data;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>
/// ECDSA P-256 keys a service signs with, per purpose (e.g. <c>tokens</c>, <c>seal</c>): a PKCS#8 PEM
/// given in configuration wins; otherwise one is generated once and kept in the schema's
/// <c>service_keys</c>, under an advisory lock so replicas starting together create one.
/// </summary>
public sealed class ServiceKeys(Db db)
{
    /// <summary>The keys for a purpose, newest first (the first signs; all verify).</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> LoadAsync(string purpose, string? configuredPem, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuredPem))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(configuredPem);
            return [ToSecurityKey(ecdsa)];
        }

        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.service-keys.' || @purpose))", new { purpose });
        var stored = await uow.QueryAsync<string>(
            "select private_key from service_keys where purpose = @purpose and retired_at is null order by created_at desc", new { purpose });
        if (stored.Count == 0)
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pkcs8 = Convert.ToBase64String(generated.ExportPkcs8PrivateKey());
            await uow.ExecuteAsync(
                "insert into service_keys (kid, purpose, private_key) values (@kid, @purpose, @pkcs8)",
                new { kid = ToSecurityKey(generated).KeyId, purpose, pkcs8 });
            stored = [pkcs8];
        }

        await uow.CommitAsync();
        return stored.Select(s =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(s), out _);
            return ToSecurityKey(ecdsa);
        }).ToList();
    }

    private static ECDsaSecurityKey ToSecurityKey(ECDsa ecdsa)
    {
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
