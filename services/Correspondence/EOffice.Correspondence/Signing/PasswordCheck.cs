using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Re-confirms a signer's password with Directory's internal endpoint: no password is ever stored
/// here. Wrong passwords count toward the account's sign-in throttle and lock in Directory; while
/// those hold, signing answers 429 with Directory's reason. Directory unreachable → 503, and
/// nothing is signed.
/// </summary>
public sealed class PasswordCheck(DirectoryClient directory)
{
    /// <summary>Whether the password is the user's; <paramref name="clientAddress"/> is where the user's request came from.</summary>
    public async Task<bool> IsValidAsync(Guid userId, string password, string clientAddress, CancellationToken ct)
    {
        PasswordVerdict verdict;
        try
        {
            verdict = await directory.VerifyPasswordAsync(userId, password, clientAddress, ct);
        }
        catch (DirectoryUnavailableException)
        {
            throw Unavailable();
        }

        return verdict.RetryAfter is { } retryAfter ? throw TooManyAttempts(verdict, retryAfter) : verdict.Accepted;
    }

    private static ProblemException TooManyAttempts(PasswordVerdict verdict, TimeSpan retryAfter) =>
        verdict.Code == "account-locked"
            ? ProblemException.TooManyRequests("account-locked", "Account locked",
                (verdict.Detail ?? "Too many wrong passwords for this account.") + " The letter was not signed.", retryAfter)
            : ProblemException.TooManyRequests("too-many-attempts", "Too many failed attempts",
                $"Too many wrong passwords. Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds; the letter was not signed.", retryAfter);

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "identity-unavailable", "Service unavailable",
            "Your password cannot be confirmed right now, so the letter was not signed. Try again shortly.");
}
