using Microsoft.AspNetCore.Identity;

namespace EOffice.Directory.Auth;

/// <summary>What a stored password check needs.</summary>
public sealed class AccountUser;

/// <summary>The password hasher used for every account (ASP.NET Core Identity's PBKDF2 format).</summary>
public static class Passwords
{
    private static readonly PasswordHasher<AccountUser> Hasher = new();
    private static readonly AccountUser User = new();

    /// <summary>Hashes a password for storage.</summary>
    public static string Hash(string password) => Hasher.HashPassword(User, password);

    /// <summary>Checks a password; <c>rehash</c> when the stored hash uses old parameters.</summary>
    public static (bool Ok, bool Rehash) Verify(string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(User, hash, password);
        return (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }
}
