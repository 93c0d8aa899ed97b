using System.Security.Cryptography;
using System.Text;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>The shared key (<c>Internal:Key</c>) services present on internal, never-routed endpoints.</summary>
public static class InternalKey
{
    /// <summary>The header carrying it.</summary>
    public const string Header = "X-EOffice-Internal-Key";

    /// <summary>Constant-time comparison of a presented key with the configured one.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
