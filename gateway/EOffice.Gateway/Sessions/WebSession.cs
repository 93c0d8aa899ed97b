using System.Security.Claims;
using System.Text.Json;
using EOffice.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Yarp.ReverseProxy.Transforms;

namespace EOffice.Gateway.Sessions;

/// <summary>
/// The web app's sessions (the gateway as its back end for front end): the browser holds only an HttpOnly,
/// SameSite=Strict cookie, encrypted with the gateway's data-protection keys, that carries Directory's tokens.
/// The gateway refreshes the access token before it expires and puts it on every proxied call, so the
/// services see a bearer token exactly as from any other client. A request with an <c>Authorization</c>
/// header is a bearer client's and never looks at the cookie.
/// </summary>
public static class WebSession
{
    /// <summary>The cookie's authentication scheme.</summary>
    public const string Scheme = "session";

    private const string BearerOrSession = "bearer-or-session";
    private const string AccessTokenKey = "eoffice.session.access-token";
    private const string PropertiesKey = "eoffice.session.properties";
    private const string UserItem = "user";

    /// <summary>Registers the cookie scheme next to the bearer one, the token refresh and the token on proxied calls.</summary>
    public static WebApplicationBuilder AddWebSessions(this WebApplicationBuilder builder, IReverseProxyBuilder proxy)
    {
        var settings = builder.Configuration.GetSection("Session").Get<SessionSettings>() ?? new SessionSettings();
        builder.Services.AddSingleton(settings);
        var keys = builder.Services.AddDataProtection().SetApplicationName("EOffice.Gateway");
        if (!string.IsNullOrWhiteSpace(settings.KeysDirectory))
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysDirectory));
        }

        builder.Services.AddHttpClient(DirectorySignIn.Client, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<DirectorySignIn>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrSession;
                o.DefaultChallengeScheme = BearerOrSession;
            })
            .AddPolicyScheme(BearerOrSession, "Bearer token or web session", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(settings.CookieName)
                    ? Scheme
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = settings.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = settings.Secure;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = settings.IdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateAsync;
            });

        proxy.AddTransforms(transforms => transforms.AddRequestTransform(transform =>
        {
            // The services take identity from the token only; the cookie is the gateway's business.
            transform.ProxyRequest.Headers.Remove("Cookie");
            if (transform.HttpContext.Items[AccessTokenKey] is string token)
            {
                transform.ProxyRequest.Headers.Authorization = new("Bearer", token);
            }

            return ValueTask.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Whether this request was signed in by the session cookie (not by a bearer token).</summary>
    public static bool IsCookieAuthenticated(HttpContext http) => http.Items.ContainsKey(AccessTokenKey);

    /// <summary>Starts a session from Directory's answer to a sign-in.</summary>
    public static Task SignInAsync(HttpContext http, TokenSet tokens)
    {
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        Store(properties, tokens);
        return http.SignInAsync(Scheme, Principal(tokens.AccessToken), properties);
    }

    /// <summary>The session's properties (tokens, user) when the request was signed in by the cookie.</summary>
    public static AuthenticationProperties? Properties(HttpContext http) => http.Items[PropertiesKey] as AuthenticationProperties;

    /// <summary>The signed-in user as Directory described them at sign-in or the last refresh.</summary>
    public static JsonElement? User(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(UserItem, out var user) && user is not null ? JsonSerializer.Deserialize<JsonElement>(user) : null;

    private static void Store(AuthenticationProperties properties, TokenSet tokens)
    {
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = tokens.AccessToken },
            new AuthenticationToken { Name = "refresh_token", Value = tokens.RefreshToken },
            new AuthenticationToken { Name = "expires_at", Value = tokens.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        ]);
        properties.Items[UserItem] = tokens.User.GetRawText();
    }

    // The gateway needs only who it is (per-user rate limits) and the roles; the services read the token itself.
    private static ClaimsPrincipal Principal(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        var kept = token.Claims.Where(c => c.Type is CallerClaims.Subject or CallerClaims.Name or CallerClaims.Role);
        return new ClaimsPrincipal(new ClaimsIdentity(kept, Scheme, CallerClaims.Name, CallerClaims.Role));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var properties = context.Properties;
        var access = properties.GetTokenValue("access_token");
        var refresh = properties.GetTokenValue("refresh_token");
        if (access is null || refresh is null
            || !DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var expiresAt))
        {
            context.RejectPrincipal();
            return;
        }

        var settings = http.RequestServices.GetRequiredService<SessionSettings>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (expiresAt - now <= settings.RefreshAhead)
        {
            var (outcome, tokens) = await http.RequestServices.GetRequiredService<DirectorySignIn>().RefreshAsync(refresh);
            switch (outcome)
            {
                case RefreshOutcome.Refreshed:
                    Store(properties, tokens!);
                    context.ReplacePrincipal(Principal(tokens!.AccessToken));
                    context.ShouldRenew = true;
                    access = tokens.AccessToken;
                    break;
                case RefreshOutcome.Refused:
                    context.RejectPrincipal();
                    await http.SignOutAsync(Scheme);
                    return;
                case RefreshOutcome.Unavailable when expiresAt <= now:
                    context.RejectPrincipal();
                    return;
            }
        }

        http.Items[AccessTokenKey] = access;
        http.Items[PropertiesKey] = properties;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
