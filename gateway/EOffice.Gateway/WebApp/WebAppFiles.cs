using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace EOffice.Gateway.WebApp;

/// <summary>
/// The staff web app (Blazor WebAssembly), served at <c>/</c> from its published files (<c>WebApp:Root</c>, the
/// folder holding <c>index.html</c>). Its routes live in the browser, so any other path that is not the API's
/// gets <c>index.html</c> (a reload of <c>/surat/…</c> works); the API's own prefixes never do.
/// </summary>
public static class WebAppFiles
{
    // Paths that belong to the services or the gateway: an unknown one there is a 404, not the app.
    private static readonly string[] ApiPrefixes = ["/api", "/verify", "/.well-known", "/health", "/openapi", "/alive"];

    // The app runs its own WebAssembly and talks to its own origin only; MudBlazor sets inline styles; previews of
    // attachments are blob: URLs. Nothing may frame it.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Serves the app's files, before authentication: they are public (the data behind them is not).</summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        if (Root(app) is not { } root)
        {
            if (!string.IsNullOrWhiteSpace(app.Configuration["WebApp:Root"]))
            {
                app.Logger.LogWarning("WebApp:Root {Root} holds no index.html: the web app is not served (publish web/EOffice.Web there)",
                    app.Configuration["WebApp:Root"]);
            }

            return app;
        }

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        types.Mappings[".webcil"] = "application/octet-stream";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                // index.html names the fingerprinted files of the current version: always ask again for it.
                if (context.File.Name.Equals("index.html", StringComparison.OrdinalIgnoreCase))
                {
                    PageHeaders(context.Context.Response);
                }

                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }

    /// <summary>Answers the app's own routes with <c>index.html</c>.</summary>
    public static WebApplication MapWebAppFallback(this WebApplication app)
    {
        if (Root(app) is not { } root)
        {
            return app;
        }

        var index = Path.Combine(root, "index.html");
        app.MapFallback(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (ApiPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase))
                || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                throw ProblemException.NotFound("resource");
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            PageHeaders(http.Response);
            await http.Response.SendFileAsync(index, http.RequestAborted);
        }).AllowAnonymous();
        return app;
    }

    private static void PageHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    private static string? Root(WebApplication app)
    {
        var configured = app.Configuration["WebApp:Root"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var root = Path.GetFullPath(configured);
        return File.Exists(Path.Combine(root, "index.html")) ? root : null;
    }
}
