namespace EOffice.Directory.Auth;

/// <summary>
/// Limits on wrong passwords (section <c>Directory:SignIn</c>). One client address is slowed down
/// first; the account itself is locked only past what any single address can try, so nobody can
/// lock a user out from one place.
/// </summary>
public sealed class SignInLimits
{
    /// <summary>Wrong passwords for one account from one address before that address must wait.</summary>
    public int FailuresPerAddress { get; set; } = 5;

    /// <summary>The window those are counted in (and so the longest wait).</summary>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from all addresses together that lock it.</summary>
    public int FailuresPerAccount { get; set; } = 50;

    /// <summary>The window those are counted in (and so the longest lock, unless an admin unlocks).</summary>
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most wrong passwords one address can try within <see cref="AccountWindow"/>.</summary>
    public int OneAddressAtMost =>
        FailuresPerAddress * (int)Math.Ceiling(AccountWindow.TotalSeconds / AddressWindow.TotalSeconds);

    /// <summary>Throws when the limits would let one address lock an account, or are not positive.</summary>
    public SignInLimits Validated()
    {
        if (FailuresPerAddress < 1 || FailuresPerAccount < 1 || AddressWindow <= TimeSpan.Zero || AccountWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Directory:SignIn limits and windows must be positive.");
        }

        if (FailuresPerAccount <= OneAddressAtMost)
        {
            throw new InvalidOperationException(
                $"Directory:SignIn:FailuresPerAccount ({FailuresPerAccount}) must be more than one address can try in AccountWindow "
                + $"({OneAddressAtMost}), or one address could lock anyone out.");
        }

        return this;
    }
}

/// <summary>A wrong password, from where.</summary>
public sealed record SignInFailure(string Address, DateTimeOffset At);

/// <summary>Whether a password may be checked now.</summary>
public abstract record SignInVerdict
{
    /// <summary>Check it.</summary>
    public sealed record Allowed : SignInVerdict;

    /// <summary>This address must wait <paramref name="RetryAfter"/> for this account.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SignInVerdict;

    /// <summary>The account is locked for everyone until <paramref name="Until"/> (or an admin unlocks it).</summary>
    public sealed record Locked(DateTimeOffset Until) : SignInVerdict;
}

/// <summary>The rule: counts of recent wrong passwords decide whether the next one is checked.</summary>
public sealed class SignInThrottle(SignInLimits limits)
{
    /// <summary>How far back failures matter.</summary>
    public TimeSpan Memory => limits.AccountWindow > limits.AddressWindow ? limits.AccountWindow : limits.AddressWindow;

    /// <summary>The verdict for a password check from <paramref name="address"/>, given the account's recent failures.</summary>
    public SignInVerdict Check(IEnumerable<SignInFailure> failures, string address, DateTimeOffset now)
    {
        var recent = failures.Where(f => f.At > now - Memory).OrderByDescending(f => f.At).ToList();

        // Locked while the account's last N failures all lie within the window.
        var forAccount = recent.Where(f => f.At > now - limits.AccountWindow).ToList();
        if (forAccount.Count >= limits.FailuresPerAccount)
        {
            return new SignInVerdict.Locked(forAccount[limits.FailuresPerAccount - 1].At + limits.AccountWindow);
        }

        var fromAddress = recent.Where(f => f.Address == address && f.At > now - limits.AddressWindow).ToList();
        if (fromAddress.Count >= limits.FailuresPerAddress)
        {
            return new SignInVerdict.Throttled(fromAddress[limits.FailuresPerAddress - 1].At + limits.AddressWindow - now);
        }

        return new SignInVerdict.Allowed();
    }
}
