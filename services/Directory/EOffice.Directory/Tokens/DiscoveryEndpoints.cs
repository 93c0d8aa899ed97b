using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tokens;

/// <summary>The public keys tokens are signed with (RFC 7517).</summary>
public sealed record JsonWebKeySet(IReadOnlyList<PublicSigningKey> Keys);

/// <summary>One EC P-256 public key as a JWK.</summary>
public sealed record PublicSigningKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

/// <summary>OIDC discovery and JWKS: how the gateway, services and other systems validate our tokens.</summary>
public static class DiscoveryEndpoints
{
    /// <summary>Maps <c>/.well-known/openid-configuration</c> and <c>/.well-known/jwks.json</c>.</summary>
    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known").AllowAnonymous().WithTags("Discovery").WithProblems(StatusCodes.Status400BadRequest);

        group.MapGet("/openid-configuration", (AuthSettings auth) =>
        {
            // Only the configured public address: never anything a request says about where it was sent
            // (Host, X-Forwarded-Host), or a crafted request could point clients at someone else's keys.
            var issuer = auth.Issuer.TrimEnd('/');
            return TypedResults.Ok(new Dictionary<string, object>
            {
                ["issuer"] = auth.Issuer,
                ["jwks_uri"] = $"{issuer}/.well-known/jwks.json",
                ["token_endpoint"] = $"{issuer}/api/auth/login",
                ["userinfo_endpoint"] = $"{issuer}/api/auth/me",
                ["response_types_supported"] = new[] { "token" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.EcdsaSha256 },
                ["claims_supported"] = new[]
                {
                    CallerClaims.Subject, CallerClaims.Name, CallerClaims.Nip, CallerClaims.PositionId, CallerClaims.UnitId, CallerClaims.Role,
                },
            });
        }).WithSummary("OpenID Connect discovery document");

        group.MapGet("/jwks.json", (SigningKeys keys) => TypedResults.Ok(new JsonWebKeySet(keys.All.Select(k =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(k);
            return new PublicSigningKey(jwk.Kty, jwk.Crv, jwk.X, jwk.Y, k.KeyId, "sig", SecurityAlgorithms.EcdsaSha256);
        }).ToList()))).WithSummary("The public keys that sign tokens (JWKS)");
    }
}
