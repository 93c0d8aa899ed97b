namespace EOffice.Web.Services;

/// <summary>Where to go after signing in: only a local path.</summary>
public static class ReturnUrl
{
    /// <summary>The path if it is local (starts with one <c>/</c>, no <c>//</c> or <c>/\</c>), else <c>/</c>.</summary>
    public static string Sanitize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("/\\", StringComparison.Ordinal) || url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return "/";
        }

        return url;
    }

    /// <summary>The sign-in page returning to <paramref name="relative"/>.</summary>
    public static string LoginFor(string relative) =>
        string.IsNullOrEmpty(relative) || relative == "/" || relative.StartsWith("/masuk", StringComparison.Ordinal)
            ? "/masuk"
            : "/masuk?kembali=" + Uri.EscapeDataString(relative);
}
