using Microsoft.AspNetCore.Http;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// A failure the caller caused or may act on, thrown from a store or rule and turned into RFC 9457
/// problem details by the one exception handler. <see cref="Code"/> is stable for clients.
/// </summary>
public sealed class ProblemException(int status, string code, string title, string? detail = null,
    IDictionary<string, string[]>? errors = null) : Exception(detail ?? title)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>A stable, machine-readable code such as <c>not-found</c> or <c>wrong-state</c>.</summary>
    public string Code { get; } = code;

    /// <summary>A short human summary.</summary>
    public string Title { get; } = title;

    /// <summary>This occurrence, in words.</summary>
    public string? Detail { get; } = detail;

    /// <summary>Field errors, keyed by the camelCase field name.</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>When to try again (sent as <c>Retry-After</c>), for 429 and 503.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>404: absent, or not visible to the caller (never says which).</summary>
    public static ProblemException NotFound(string what = "resource") =>
        new(StatusCodes.Status404NotFound, "not-found", "Not found", $"The {what} does not exist or is not visible to you.");

    /// <summary>403: the caller is known but may not do this.</summary>
    public static ProblemException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    /// <summary>409: the resource is not in a state that allows this.</summary>
    public static ProblemException Conflict(string code, string detail) =>
        new(StatusCodes.Status409Conflict, code, "Conflict", detail);

    /// <summary>429: too many attempts; try again after <paramref name="retryAfter"/>.</summary>
    public static ProblemException TooManyRequests(string code, string title, string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, code, title, detail) { RetryAfter = retryAfter };

    /// <summary>400 with one field at fault.</summary>
    public static ProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.", message,
            new Dictionary<string, string[]> { [field] = [message] });
}
