using EOffice.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tokens;

/// <summary>
/// The ES256 keys tokens are signed with: <c>Directory:SigningKeyPem</c> (a PKCS#8 P-256 key) when
/// configured, else one kept in the schema, so every replica and restart uses the same keys.
/// </summary>
public sealed class SigningKeys(ServiceKeys store, IConfiguration configuration)
{
    private volatile IReadOnlyList<ECDsaSecurityKey> _keys = [];

    /// <summary>The key new tokens are signed with.</summary>
    public ECDsaSecurityKey Current => _keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("Signing keys not loaded.");

    /// <summary>Every key a token may still carry (published as the JWKS).</summary>
    public IReadOnlyList<ECDsaSecurityKey> All => _keys;

    /// <summary>Loads the keys (creating the first one when there is none).</summary>
    public async Task LoadAsync(CancellationToken ct) =>
        _keys = await store.LoadAsync("tokens", configuration["Directory:SigningKeyPem"], ct);
}

/// <summary>Loads the signing keys at start-up (after migrations).</summary>
internal sealed class SigningKeysLoader(SigningKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
