using System.Security.Cryptography;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EOffice.Correspondence.Verification;

/// <summary>What anyone holding a verification code learns (the subject only for Biasa letters).</summary>
public sealed record VerificationResult(
    bool Valid, string? Number, DateOnly? Date, string? Signer, string? SignerPosition, string? Subject, string? ContentHash,
    DateTimeOffset? SignedAt, string? Reason, string? SignedAs = null)
{
    /// <summary>When the letter's content was destroyed (its records disposed of), if it was.</summary>
    public DateTimeOffset? PurgedAt { get; init; }

    /// <summary>The SHA-256 of the signed PDF, when one was made at signing.</summary>
    public string? DocumentSha256 { get; init; }

    /// <summary>When the signer recalled (withdrew) the letter, if they did.</summary>
    public DateTimeOffset? RecalledAt { get; init; }

    /// <summary>The letter's type (for the page).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Type { get; init; }
}

/// <summary>Whether an uploaded PDF is, byte for byte, the sealed document.</summary>
public sealed record DocumentMatch(bool Matches, string Sha256, string? DocumentSha256);

/// <summary>Public verification of a signed letter (the QR code on the printed form).</summary>
public static class VerifyEndpoints
{
    /// <summary>The largest PDF accepted for checking.</summary>
    public const long MaxUploadBytes = 30L * 1024 * 1024;

    /// <summary>
    /// Maps <c>GET /verify/{code}</c> (JSON, or with <c>Accept: text/html</c> a page in Indonesian) and
    /// <c>POST /verify/{code}</c> (multipart <c>file</c>: is it the sealed PDF?); anonymous, rate-limited at the gateway.
    /// </summary>
    public static void MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var verify = app.MapGroup("/verify").AllowAnonymous().WithTags("Verification").WithProblems(StatusCodes.Status400BadRequest);
        verify.MapGet("/{code}", async Task<Results<Ok<VerificationResult>, NotFound<VerificationResult>, ContentHttpResult>> (string code, HttpContext http, LetterVerification verification, CancellationToken ct) =>
        {
            var result = await verification.VerifyAsync(code, ct);
            if (WantsHtml(http))
            {
                return TypedResults.Content(VerifyPage.Render(code, result, null), "text/html; charset=utf-8", null, result is null ? 404 : 200);
            }

            return result is null
                ? TypedResults.NotFound(new VerificationResult(false, null, null, null, null, null, null, null, "No letter has this verification code."))
                : TypedResults.Ok(result);
        }).WithSummary("Verify a signed letter by the code of its QR (JSON, or an Indonesian page for Accept: text/html)");

        verify.MapPost("/{code}", async Task<Results<Ok<DocumentMatch>, NotFound<DocumentMatch>, ContentHttpResult>> (string code, HttpContext http, LetterVerification verification, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", "Send the PDF as multipart/form-data in a field named 'file'.");
            }

            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files["file"] ?? form.Files.FirstOrDefault() ?? throw ProblemException.Invalid("file", "Attach the PDF in the field 'file'.");
            if (file.Length > MaxUploadBytes)
            {
                throw new ProblemException(413, "too-large", "File too large", $"A file may be at most {MaxUploadBytes / (1024 * 1024)} MB.");
            }

            await using var stream = file.OpenReadStream();
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            var result = await verification.VerifyAsync(code, ct);
            var match = new DocumentMatch(result?.DocumentSha256 is { } d && CryptographicOperations.FixedTimeEquals(
                Convert.FromHexString(d), Convert.FromHexString(sha256)), sha256, result?.DocumentSha256);
            if (WantsHtml(http))
            {
                return TypedResults.Content(VerifyPage.Render(code, result, match), "text/html; charset=utf-8", null, result is null ? 404 : 200);
            }

            return result is null ? TypedResults.NotFound(match) : TypedResults.Ok(match);
        }).DisableAntiforgery().WithProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Check whether an uploaded PDF is, byte for byte, the sealed document (multipart, field 'file')")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + (1024 * 1024)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes + (1024 * 1024) });
    }

    private static bool WantsHtml(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
