using System.Globalization;
using System.Text.Json;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Gateway.Sessions;

/// <summary>Sign-in request of the web app; <c>username</c> is a NIP or an email address.</summary>
public sealed record SessionLoginRequest(string? Username, string? Password);

/// <summary>A web session just started: the user as Directory describes them, when the session's token expires, the city's time zone.</summary>
public sealed record SessionStarted(JsonElement User, DateTimeOffset ExpiresAt, string TimeZone);

/// <summary>The current web session: the user, when its cookie expires (ISO 8601), the city's time zone.</summary>
public sealed record SessionView(JsonElement User, string? ExpiresAt, string TimeZone);

/// <summary><c>/api/session</c>: the web app signs in, finds out who it is, and signs out.</summary>
public static class SessionEndpoints
{
    /// <summary>Maps <c>/api/session</c>.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session").WithProblems(
            StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting("login").WithSummary("Sign the web app in (sets the session cookie)");
        group.MapPost("/logout", LogoutAsync).AllowAnonymous().WithSummary("Sign the web app out (ends the session)");
        group.MapGet("", Current).AllowAnonymous().WithSummary("The signed-in user of the web session");
        return app;
    }

    // Directory checks the fields and the password and words the refusal; the gateway only relays it.
    private static async Task<Results<Ok<SessionStarted>, DirectoryRefusal>> LoginAsync(
        SessionLoginRequest request, HttpContext http, DirectorySignIn directory, CancellationToken ct)
    {
        if (!AntiForgery.IsPresent(http.Request))
        {
            throw AntiForgery.Missing();
        }

        var (tokens, response) = await directory.SignInAsync(
            new { username = request.Username, password = request.Password }, GatewayModule.ClientAddress(http), ct);
        http.Response.RegisterForDispose(response);
        if (tokens is null)
        {
            return new DirectoryRefusal(response);
        }

        await WebSession.SignInAsync(http, tokens);
        return TypedResults.Ok(new SessionStarted(tokens.User, tokens.ExpiresAt, CityZone.Current.Id));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, DirectorySignIn directory, CancellationToken ct)
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
        return TypedResults.NoContent();
    }

    private static Ok<SessionView> Current(HttpContext http)
    {
        var properties = WebSession.Properties(http);
        if (properties is null || WebSession.User(properties) is not { } user)
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "no-session", "Unauthorized", "Not signed in.");
        }

        return TypedResults.Ok(new SessionView(user, properties.ExpiresUtc?.ToString("O", CultureInfo.InvariantCulture), CityZone.Current.Id));
    }

    /// <summary>Directory's refusal of a sign-in (wrong password, throttled, invalid fields), relayed as Directory worded it.</summary>
    private sealed class DirectoryRefusal(HttpResponseMessage response) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/problem+json";
            if (response.Headers.RetryAfter is { } retry)
            {
                http.Response.Headers.RetryAfter = retry.ToString();
            }

            await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }
}
