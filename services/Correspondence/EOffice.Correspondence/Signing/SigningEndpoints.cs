using EOffice.Correspondence.Documents;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>Which signature provider signs, so clients know what to ask the signer for.</summary>
public sealed record SigningInfo(string Provider);

/// <summary>Maps <c>GET /api/signing</c>.</summary>
public static class SigningEndpoints
{
    /// <summary><c>{ provider: "Local" | "Bsre" }</c>: Local asks for the password, Bsre for NIK and passphrase.</summary>
    public static void MapSigningEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/signing", (IConfiguration configuration) => TypedResults.Ok(new SigningInfo(SignatureProviders.Configured(configuration))))
            .WithTags("Letters").RequireAuthorization().WithProblems().WithSummary("Which signature provider signs (what to ask the signer for)");
}
