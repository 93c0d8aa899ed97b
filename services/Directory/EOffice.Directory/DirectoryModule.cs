using EOffice.Directory.Auth;
using EOffice.Directory.DemoCity;
using EOffice.Directory.Org;
using EOffice.Directory.Tokens;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EOffice.Directory;

/// <summary>The Directory service: org chart, accounts and the token issuer.</summary>
public static class DirectoryModule
{
    /// <summary>Registers the Directory's database, messaging, stores and start-up work.</summary>
    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        builder.AddDatabase("directory", typeof(DirectoryModule).Assembly);
        builder.AddMessaging("directory");

        builder.AddInternalKey();
        builder.AddLoginRateLimit();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Directory:Tokens").Get<TokenSettings>() ?? new TokenSettings());
        builder.Services.AddSingleton(new SignInThrottle(
            (builder.Configuration.GetSection("Directory:SignIn").Get<SignInLimits>() ?? new SignInLimits()).Validated()));
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<OrgEvents>();
        builder.Services.AddSingleton<UnitStore>();
        builder.Services.AddSingleton<PositionStore>();
        builder.Services.AddSingleton<HolderStore>();
        builder.Services.AddSingleton<ActingStore>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<LetterheadStore>();
        builder.Services.AddSingleton<Transfers>();
        builder.AddPendingWork();
        builder.Services.AddHostedService<SigningKeysLoader>();
        builder.Services.AddHostedService<DemoCitySeeder>();
        builder.Services.AddHostedService<BootstrapAdmin>();

        // The issuer validates its own tokens with its keys in memory, not through its own HTTP endpoint.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys>((o, keys) =>
            {
                o.Configuration = new OpenIdConnectConfiguration();
                o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, kid, _) =>
                    keys.All.Where(k => kid is null || k.KeyId == kid);
            });
        return builder;
    }

    /// <summary>Maps the Directory's endpoints.</summary>
    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapDiscoveryEndpoints();
        app.MapAuthEndpoints();
        app.MapOrgEndpoints();
        app.MapTransferEndpoints();
        app.MapLetterheadEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}

/// <summary>Names this service's assembly for hosts that start it (integration tests).</summary>
public sealed class DirectoryApp;
