using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>Claim names of EOffice access tokens.</summary>
public static class CallerClaims
{
    /// <summary>User id.</summary>
    public const string Subject = "sub";

    /// <summary>Display name.</summary>
    public const string Name = "name";

    /// <summary>NIP (civil-servant number).</summary>
    public const string Nip = "nip";

    /// <summary>The position the user holds.</summary>
    public const string PositionId = "position_id";

    /// <summary>The unit of that position.</summary>
    public const string UnitId = "unit_id";

    /// <summary>A role (repeated).</summary>
    public const string Role = "role";
}

/// <summary>Who is calling, read from the validated token: the one way services read the caller.</summary>
public sealed record Caller(Guid UserId, string Name, string? Nip, Guid? PositionId, Guid? UnitId, IReadOnlySet<string> Roles)
{
    /// <summary>Whether the caller has a role.</summary>
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Reads the caller from a principal; throws 401 when the token lacks a subject.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        var sub = user.FindFirst(CallerClaims.Subject)?.Value;
        if (!Guid.TryParse(sub, out var userId))
        {
            throw new Http.ProblemException(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", "The token has no user.");
        }

        return new Caller(
            userId,
            user.FindFirst(CallerClaims.Name)?.Value ?? "",
            user.FindFirst(CallerClaims.Nip)?.Value,
            Guid.TryParse(user.FindFirst(CallerClaims.PositionId)?.Value, out var p) ? p : null,
            Guid.TryParse(user.FindFirst(CallerClaims.UnitId)?.Value, out var u) ? u : null,
            user.FindAll(CallerClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>Reading the caller from an <see cref="HttpContext"/>.</summary>
public static class CallerHttpExtensions
{
    /// <summary>The authenticated caller of this request.</summary>
    public static Caller Caller(this HttpContext context) => Auth.Caller.From(context.User);
}
