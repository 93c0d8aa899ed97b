using System.Globalization;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;
using Microsoft.AspNetCore.Authentication;

namespace EOffice.Gateway.Sessions;

/// <summary>Sign-in request of the web app; <c>username</c> is a NIP or an email address.</summary>
public sealed record SessionLoginRequest(string? Username, string? Password);

/// <summary><c>/api/session</c>: the web app signs in, finds out who it is, and signs out.</summary>
public static class SessionEndpoints
{
    /// <summary>Maps <c>/api/session</c>.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting("login");
        group.MapPost("/logout", LogoutAsync).AllowAnonymous();
        group.MapGet("", Current).AllowAnonymous();
        return app;
    }

    // Directory checks the fields and the password and words the refusal; the gateway only relays it.
    private static async Task LoginAsync(SessionLoginRequest request, HttpContext http, DirectorySignIn directory, CancellationToken ct)
    {
        if (!AntiForgery.IsPresent(http.Request))
        {
            throw AntiForgery.Missing();
        }

        var (tokens, response) = await directory.SignInAsync(
            new { username = request.Username, password = request.Password }, GatewayModule.ClientAddress(http), ct);
        using (response)
        {
            if (tokens is null)
            {
                http.Response.StatusCode = (int)response.StatusCode;
                http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/problem+json";
                if (response.Headers.RetryAfter is { } retry)
                {
                    http.Response.Headers.RetryAfter = retry.ToString();
                }

                await response.Content.CopyToAsync(http.Response.Body, ct);
                return;
            }
        }

        await WebSession.SignInAsync(http, tokens);
        await http.Response.WriteAsJsonAsync(new { user = tokens.User, expiresAt = tokens.ExpiresAt, timeZone = CityZone.Current.Id }, ct);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, DirectorySignIn directory, CancellationToken ct)
    {
        if (!AntiForgery.IsPresent(http.Request))
        {
            throw AntiForgery.Missing();
        }

        if (WebSession.Properties(http)?.GetTokenValue("refresh_token") is { } refresh)
        {
            await directory.RevokeAsync(refresh, ct);
        }

        await http.SignOutAsync(WebSession.Scheme);
        return Results.NoContent();
    }

    private static IResult Current(HttpContext http)
    {
        var properties = WebSession.Properties(http);
        if (properties is null || WebSession.User(properties) is not { } user)
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "no-session", "Unauthorized", "Not signed in.");
        }

        return Results.Ok(new
        {
            user,
            expiresAt = properties.ExpiresUtc?.ToString("O", CultureInfo.InvariantCulture),
            timeZone = CityZone.Current.Id,
        });
    }
}
