using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>Token settings (section <c>Auth</c>), shared by the issuer and every validator.</summary>
public sealed class AuthSettings
{
    /// <summary>The <c>iss</c> of every token: the public base URL of the identity provider.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The <c>aud</c> of every token.</summary>
    public string Audience { get; set; } = "eoffice";

    /// <summary>Where validators fetch the OIDC discovery document (and through it the JWKS).</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Require https for the metadata address (turn on in production).</summary>
    public bool RequireHttpsMetadata { get; set; }
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Role <c>secretariat</c>.</summary>
    public const string Secretariat = "secretariat";

    /// <summary>Role <c>archivist</c>.</summary>
    public const string Archivist = "archivist";
}

internal static class AuthExtensions
{
    public static void AddEOfficeAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings());
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AuthSettings>((o, settings) =>
            {
                o.MapInboundClaims = false;
                // A plain "Bearer" challenge: why a token failed (unknown key, expired, ...) helps only whoever forged it.
                o.IncludeErrorDetails = false;
                o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                o.MetadataAddress = settings.MetadataAddress
                    ?? settings.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
                o.RefreshOnIssuerKeyNotFound = true;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    NameClaimType = CallerClaims.Name,
                    RoleClaimType = CallerClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
                };
            });

        // After JwtBearer's own post-configuration (which creates the back-channel): fetch the keys next to the
        // metadata address, since the document itself names only public addresses (the configured issuer).
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            if (o.Configuration is null && !string.IsNullOrEmpty(o.MetadataAddress))
            {
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    o.MetadataAddress, new KeysNextToMetadata(), new HttpDocumentRetriever(o.Backchannel) { RequireHttps = o.RequireHttpsMetadata })
                {
                    RefreshInterval = o.RefreshInterval,
                    AutomaticRefreshInterval = o.AutomaticRefreshInterval,
                };
            }
        });

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a valid token unless it says AllowAnonymous.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole("admin"))
            .AddPolicy(Policies.Secretariat, p => p.RequireRole("secretariat", "admin"))
            .AddPolicy(Policies.Archivist, p => p.RequireRole("archivist"));
    }
}

/// <summary>
/// Reads an OIDC discovery document and its key set. The document names public addresses (the
/// configured issuer, through the gateway); when its <c>jwks_uri</c> is under the issuer, the keys are
/// fetched from under the address the document came from instead (services reach Directory directly).
/// A key set elsewhere (another provider's own host) is fetched as named.
/// </summary>
internal sealed class KeysNextToMetadata : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
        if (string.IsNullOrEmpty(configuration.JwksUri))
        {
            return configuration;
        }

        // Issuer-relative part of the key set's address, re-based on where the document was found.
        const string DiscoveryPath = "/.well-known/openid-configuration";
        var jwks = configuration.JwksUri;
        var issuer = configuration.Issuer?.TrimEnd('/') ?? "";
        if (issuer.Length > 0 && jwks.StartsWith(issuer + "/", StringComparison.OrdinalIgnoreCase)
            && address.EndsWith(DiscoveryPath, StringComparison.OrdinalIgnoreCase))
        {
            jwks = address[..^DiscoveryPath.Length] + jwks[issuer.Length..];
        }

        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(jwks, cancel));
        configuration.JsonWebKeySet = keys;
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
