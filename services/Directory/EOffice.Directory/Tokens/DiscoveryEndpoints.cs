using EOffice.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tokens;

/// <summary>OIDC discovery and JWKS: how the gateway, services and other systems validate our tokens.</summary>
public static class DiscoveryEndpoints
{
    /// <summary>Maps <c>/.well-known/openid-configuration</c> and <c>/.well-known/jwks.json</c>.</summary>
    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known").AllowAnonymous().WithTags("Discovery");

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
        });

        group.MapGet("/jwks.json", (SigningKeys keys) => TypedResults.Ok(new
        {
            keys = keys.All.Select(k =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(k);
                return new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = k.KeyId, use = "sig", alg = SecurityAlgorithms.EcdsaSha256 };
            }),
        }));
    }
}
