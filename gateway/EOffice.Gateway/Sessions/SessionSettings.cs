namespace EOffice.Gateway.Sessions;

/// <summary>The web app's sessions (section <c>Session</c>).</summary>
public sealed class SessionSettings
{
    /// <summary>The session cookie's name.</summary>
    public string CookieName { get; set; } = "eoffice_session";

    /// <summary>
    /// When the cookie is marked <c>Secure</c>: <c>SameAsRequest</c> (the default: over HTTPS, and over HTTP on a
    /// local install) or <c>Always</c> (behind a TLS-terminating proxy that forwards plain HTTP).
    /// </summary>
    public CookieSecurePolicy Secure { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>
    /// How long a session lasts without use. Directory's refresh token (12 h, renewed on each refresh) ends it
    /// as well: whichever comes first.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Where the keys that encrypt session cookies are kept. Every gateway replica must share them (a volume);
    /// unset, the host's default key ring is used, which serves one gateway only.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>How long before the access token expires the gateway refreshes it.</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(1);
}
