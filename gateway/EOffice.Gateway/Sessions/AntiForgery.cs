using EOffice.ServiceDefaults.Http;

namespace EOffice.Gateway.Sessions;

/// <summary>
/// Cookie-authenticated requests that change something must carry <c>X-CSRF: 1</c>. A page on another site can
/// make the browser send the cookie with a form post, but it cannot add a custom header without the gateway
/// agreeing to it in a CORS preflight, which it never does. (SameSite=Strict is the first line; this the second.)
/// Bearer clients never send the cookie and are not asked.
/// </summary>
public static class AntiForgery
{
    /// <summary>The header the web app sends with every request.</summary>
    public const string Header = "X-CSRF";

    /// <summary>Whether the request carries the header.</summary>
    public static bool IsPresent(HttpRequest request) => request.Headers[Header] == "1";

    /// <summary>The refusal.</summary>
    public static ProblemException Missing() =>
        new(StatusCodes.Status403Forbidden, "anti-forgery-header-missing", "Forbidden",
            $"A request made with the session cookie that changes something needs the header {Header}: 1.");

    /// <summary>Refuses unsafe cookie-authenticated requests without the header.</summary>
    public static IApplicationBuilder UseSessionAntiForgery(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // POST /verify/{code} (checking a PDF against its seal) is public and changes nothing: the verification
        // page's plain upload form works for a signed-in user too.
        if (WebSession.IsCookieAuthenticated(context) && !context.Request.Path.StartsWithSegments("/verify")
            && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !IsPresent(context.Request))
        {
            throw Missing();
        }

        return next(context);
    });
}
