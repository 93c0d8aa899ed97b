using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EOffice.ServiceDefaults.Auth;

/// <summary>
/// The shared key (<c>Internal:Key</c>) services present on internal, never-routed endpoints. Read
/// once, here: outside Development and Testing an empty key or the documented development key
/// stops the service at start-up, since either would open the internal endpoints (the password
/// check, the org snapshot) to anyone who can reach a service port.
/// </summary>
public sealed class InternalKey
{
    /// <summary>The header carrying it.</summary>
    public const string Header = "X-EOffice-Internal-Key";

    /// <summary>The key documented for local development; never accepted outside Development/Testing.</summary>
    public const string DevelopmentKey = "eoffice-internal-dev-key";

    /// <summary>Every published key (the development key and the compose example's placeholder): refused alike.</summary>
    public static readonly IReadOnlySet<string> PublishedKeys = new HashSet<string>(StringComparer.Ordinal) { DevelopmentKey, "change-me-internal-key" };

    private readonly string _key;

    /// <summary>A configured key (empty: no caller is ever accepted).</summary>
    public InternalKey(string? key) => _key = key ?? "";

    /// <summary>The key from configuration; throws with how to set it when it may not be used in this environment.</summary>
    public static InternalKey FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration["Internal:Key"];
        var lenient = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        if (!lenient && (string.IsNullOrWhiteSpace(key) || PublishedKeys.Contains(key.Trim())))
        {
            throw new InvalidOperationException(
                $"Internal:Key is {(string.IsNullOrWhiteSpace(key) ? "not set" : "a published example key")}, which would let anyone who "
                + "reaches a service port call the internal endpoints (password check, org snapshot). Set the same random secret for every "
                + "service in the environment variable Internal__Key (e.g. the output of `openssl rand -base64 32`); "
                + $"the {environment.EnvironmentName} environment refuses to start without one.");
        }

        return new InternalKey(key);
    }

    /// <summary>Whether a request carries the key.</summary>
    public bool IsPresentedBy(HttpRequest request) =>
        _key.Length > 0 && Matches(request.Headers[Header].ToString(), _key);

    /// <summary>Adds the key to an outgoing request to another service.</summary>
    public void AddTo(HttpRequestMessage request) => request.Headers.Add(Header, _key);

    /// <summary>Constant-time comparison of a presented key with the configured one.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}

/// <summary>Registers <see cref="InternalKey"/> for services that call or serve internal endpoints.</summary>
public static class InternalKeyExtensions
{
    /// <summary>Reads and checks <c>Internal:Key</c> now, so a service with an unsafe key does not start.</summary>
    public static TBuilder AddInternalKey<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(InternalKey.FromConfiguration(builder.Configuration, builder.Environment));
        return builder;
    }
}

/// <summary>The one check on service-to-service endpoints.</summary>
public static class InternalEndpointExtensions
{
    /// <summary>
    /// Marks an endpoint (or a group) as service-to-service: no user token, not in the OpenAPI document, and
    /// refused with 401 unless the request carries <see cref="InternalKey"/>. Such paths are never routed by the gateway.
    /// </summary>
    public static TBuilder RequireInternalKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AllowAnonymous().ExcludeFromDescription();
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<InternalKey>().IsPresentedBy(context.HttpContext.Request)
                ? await next(context)
                : TypedResults.Unauthorized());
        return builder;
    }
}
