using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace EOffice.Web.Services;

/// <summary>
/// Every call to the API: the anti-forgery header <c>X-CSRF: 1</c>, the same-origin cookie, and a 401
/// (other than the sign-in call itself) sends the user to the sign-in page with the way back.
/// </summary>
public sealed class ApiHandler(NavigationManager navigation) : DelegatingHandler
{
    /// <summary>The sign-in call, whose 401 is a wrong password rather than an ended session.</summary>
    public const string LoginPath = "/api/session/login";

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-CSRF");
        request.Headers.Add("X-CSRF", "1");
        request.SetBrowserRequestCredentials(BrowserRequestCredentials.SameOrigin);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && request.RequestUri?.AbsolutePath != LoginPath)
        {
            var relative = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            if (!relative.StartsWith("/masuk", StringComparison.Ordinal))
            {
                navigation.NavigateTo(ReturnUrl.LoginFor(relative));
            }
        }

        return response;
    }
}
