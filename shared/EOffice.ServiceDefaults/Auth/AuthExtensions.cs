using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a valid token unless it says AllowAnonymous.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole("admin"))
            .AddPolicy(Policies.Secretariat, p => p.RequireRole("secretariat", "admin"))
            .AddPolicy(Policies.Archivist, p => p.RequireRole("archivist"));
    }
}
