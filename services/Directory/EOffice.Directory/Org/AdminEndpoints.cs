using System.Security.Cryptography;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>A temporary password made by a reset: shown once to the admin, who hands it to the user.</summary>
public sealed record PasswordResetView(string TemporaryPassword);

/// <summary>What the admin screens need beyond the org chart's reads and writes: password resets, a position's acting list, a unit's logo.</summary>
public static class AdminEndpoints
{
    // No look-alike characters (0/O, 1/l/I), so a password read aloud or copied by hand is typed right.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A random temporary password of 12 characters with at least one upper-case letter, lower-case letter and digit.</summary>
    public static string TemporaryPassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, 12);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }

    /// <summary>Maps the admin helpers under <c>/api/org</c>.</summary>
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Org").WithProblems();

        // A reset: a new random password (answered once, stored only hashed), the user's sessions and lockout ended.
        org.MapPost("/users/{id:guid}/password-reset", async (Guid id, HttpContext http, UserStore users, CancellationToken ct) =>
        {
            var password = TemporaryPassword();
            return await users.ResetPasswordAsync(id, password, http.Caller().UserId, ct)
                ? TypedResults.Ok(new PasswordResetView(password))
                : throw ProblemException.NotFound("user");
        }).RequireAuthorization(Policies.Admin).WithSummary("Reset a user's password to a temporary one");

        // Acting holders of a position that have not ended more than a year ago, newest start first.
        org.MapGet("/positions/{id:guid}/acting", async (Guid id, ActingStore acting, CancellationToken ct) =>
            TypedResults.Ok(new Page<ActingView>(await acting.ListAsync(id, ct) ?? throw ProblemException.NotFound("position"), null)))
            .WithSummary("List a position's acting holders");

        // The logo of a unit's letterhead, for previews.
        org.MapGet("/units/{id:guid}/logo", async (Guid id, LetterheadStore letterheads, CancellationToken ct) =>
        {
            var logo = await letterheads.LogoAsync(id, ct);
            return logo is { Length: > 0 } ? TypedResults.File(logo, "image/png") : throw ProblemException.NotFound("logo");
        }).Produces<Stream>(StatusCodes.Status200OK, "image/png").WithSummary("A unit's letterhead logo (PNG)");
    }
}
