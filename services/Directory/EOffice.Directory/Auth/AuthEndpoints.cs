using EOffice.Directory.Tokens;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Directory.Auth;

/// <summary>Sign-in request; <c>username</c> is a NIP or an email address.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>Refresh request.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>An internal password re-confirmation; <c>clientAddress</c> is where the user's request came from.</summary>
public sealed record VerifyPasswordRequest(Guid UserId, string? Password, string? ClientAddress);

/// <summary>An internal check that <c>nik</c> is the NIK recorded for the user.</summary>
public sealed record CheckNikRequest(Guid UserId, string? Nik);

/// <summary>Whether the user has a NIK on record and whether it is the one given.</summary>
public sealed record CheckNikResponse(bool Registered, bool Matches);

/// <summary>Tokens and the signed-in user.</summary>
public sealed record LoginResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, UserProfile User);

/// <summary>The signed-in user as the front-end shows them.</summary>
public sealed record UserProfile(
    Guid Id, string Name, string Nip, string Email, Guid? PositionId, string? PositionTitle, Guid? UnitId, string? UnitName,
    IReadOnlyList<string> Roles, IReadOnlyList<ActingPosition> Acting);

/// <summary>A position the user acts for (Plt/Plh) today.</summary>
public sealed record ActingPosition(Guid PositionId, string PositionTitle, Guid UnitId, string Kind, DateOnly From, DateOnly To);

/// <summary>Sign-in, token refresh and the current user.</summary>
public static class AuthEndpoints
{
    /// <summary>Maps <c>/api/auth</c>.</summary>
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth")
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Sign in with a NIP or email and a password");
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("Exchange a refresh token for new tokens");
        group.MapPost("/logout", LogoutAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy)
            .WithSummary("End a session by revoking its refresh token");
        group.MapGet("/me", MeAsync).WithSummary("The signed-in user's profile");

        // Service-to-service (never routed by the gateway): Correspondence re-confirms a signer's password.
        // Wrong passwords here count toward the same throttle and lock as sign-in (429 alike).
        app.MapPost("/internal/auth/verify-password", async Task<Results<NoContent, UnauthorizedHttpResult>> (VerifyPasswordRequest request, HttpContext http,
            UserAccounts accounts, CancellationToken ct) =>
        {
            var address = request.ClientAddress is { Length: > 0 and <= 64 } given ? given : http.ClientAddress();
            return await accounts.CheckPasswordAsync(request.UserId, request.Password ?? "", address, ct) ? TypedResults.NoContent() : TypedResults.Unauthorized();
        }).RequireInternalKey();

        // Service-to-service: Correspondence checks that the NIK a signer gives the certified signature provider is their own.
        app.MapPost("/internal/auth/check-nik", async (CheckNikRequest request, UserAccounts accounts, CancellationToken ct) =>
        {
            var nik = await accounts.NikAsync(request.UserId, ct);
            return TypedResults.Ok(new CheckNikResponse(nik is not null, nik is not null && string.Equals(nik, request.Nik, StringComparison.Ordinal)));
        }).RequireInternalKey();
    }

    private static async Task<Ok<LoginResponse>> LoginAsync(LoginRequest request, HttpContext http, UserAccounts accounts, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("username", request.Username, 254).Required("password", request.Password, 200);
        errors.ThrowIfAny();

        var response = await accounts.SignInAsync(request.Username!.Trim(), request.Password!, http.ClientAddress(), ct)
            ?? throw InvalidCredentials();
        return TypedResults.Ok(response);
    }

    private static async Task<Ok<LoginResponse>> RefreshAsync(RefreshRequest request, UserAccounts accounts, CancellationToken ct)
    {
        new FieldErrors().Required("refreshToken", request.RefreshToken, 200).ThrowIfAny();
        var response = await accounts.RefreshAsync(request.RefreshToken!, ct)
            ?? throw new ProblemException(StatusCodes.Status401Unauthorized, "invalid-refresh-token", "Unauthorized",
                "The refresh token is unknown, expired or already used. Sign in again.");
        return TypedResults.Ok(response);
    }

    // Holding the refresh token is what entitles one to end it; the answer is the same whether it was known.
    private static async Task<NoContent> LogoutAsync(RefreshRequest request, UserAccounts accounts, CancellationToken ct)
    {
        new FieldErrors().Required("refreshToken", request.RefreshToken, 200).ThrowIfAny();
        await accounts.RevokeAsync(request.RefreshToken!, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserProfile>> MeAsync(HttpContext context, UserAccounts accounts, CancellationToken ct)
    {
        var profile = await accounts.ProfileAsync(context.Caller().UserId, ct) ?? throw ProblemException.NotFound("user");
        return TypedResults.Ok(profile);
    }

    private static ProblemException InvalidCredentials() =>
        new(StatusCodes.Status401Unauthorized, "invalid-credentials", "Unauthorized", "Wrong username or password.");
}
