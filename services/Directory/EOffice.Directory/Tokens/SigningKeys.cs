using System.Security.Cryptography;
using Dapper;
using EOffice.ServiceDefaults.Data;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tokens;

/// <summary>
/// The ES256 keys tokens are signed with. A key given in configuration (<c>Directory:SigningKeyPem</c>,
/// a PKCS#8 P-256 key) wins; otherwise one is generated once and kept in the schema, so every replica
/// and every restart signs and validates with the same keys.
/// </summary>
public sealed class SigningKeys(Db db, IConfiguration configuration)
{
    private volatile IReadOnlyList<ECDsaSecurityKey> _keys = [];

    /// <summary>The key new tokens are signed with.</summary>
    public ECDsaSecurityKey Current => _keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("Signing keys not loaded.");

    /// <summary>Every key a token may still carry (published as the JWKS).</summary>
    public IReadOnlyList<ECDsaSecurityKey> All => _keys;

    /// <summary>Loads the keys, creating the first one if there is none (replica-safe).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var pem = configuration["Directory:SigningKeyPem"];
        if (!string.IsNullOrWhiteSpace(pem))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            _keys = [ToSecurityKey(ecdsa)];
            return;
        }

        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.directory.signing-keys'))");
        var stored = await uow.QueryAsync<string>(
            "select private_key from signing_keys where retired_at is null order by created_at desc");
        if (stored.Count == 0)
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pkcs8 = Convert.ToBase64String(generated.ExportPkcs8PrivateKey());
            await uow.ExecuteAsync(
                "insert into signing_keys (kid, private_key) values (@kid, @pkcs8)",
                new { kid = ToSecurityKey(generated).KeyId, pkcs8 });
            stored = [pkcs8];
        }

        await uow.CommitAsync();
        _keys = stored.Select(s =>
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

/// <summary>Loads the signing keys at start-up (after migrations).</summary>
internal sealed class SigningKeysLoader(SigningKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
