using System.Net;
using System.Text;
using Bunit;
using EOffice.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EOffice.Web.Tests.Components;

/// <summary>A stand-in for the gateway: answers by method and path, records what the app sent.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<HttpRequestMessage, HttpResponseMessage> Answer)> _routes = [];

    /// <summary>Requests received, with their bodies.</summary>
    public List<(HttpRequestMessage Request, string? Body)> Received { get; } = [];

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (path without the query) with JSON.</summary>
    public FakeApi On(HttpMethod method, string path, HttpStatusCode status, string json, string contentType = "application/json", string? etag = null)
    {
        _routes.Add((method, path, _ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, contentType) };
            if (etag is not null)
            {
                response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
            }

            return response;
        }
        ));
        return this;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        var path = request.RequestUri!.AbsolutePath;
        foreach (var (method, p, answer) in _routes)
        {
            if (method == request.Method && p == path)
            {
                return answer(request);
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"status":404,"title":"Not Found"}""", Encoding.UTF8, "application/problem+json"),
        };
    }

    /// <summary>Registers the app's services on a bUnit context with this fake behind the real <see cref="ApiHandler"/>.</summary>
    public void Register(BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddScoped(sp => new HttpClient(new ApiHandler(sp.GetRequiredService<NavigationManager>()) { InnerHandler = this })
        {
            BaseAddress = new Uri("http://localhost/"),
        });
        ctx.Services.AddScoped<Api>();
        ctx.Services.AddScoped<Session>();
        ctx.Services.AddScoped<Lookups>();
        ctx.Services.AddScoped<Files>();
        ctx.Services.AddScoped<Notifications>();
    }
}
