using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EOffice.ServiceDefaults.Http;

internal static class ProblemDetailsExtensions
{
    public static void AddEOfficeProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["requestId"] = RequestId.Of(ctx.HttpContext);
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            if (!ctx.ProblemDetails.Extensions.ContainsKey("code"))
            {
                ctx.ProblemDetails.Extensions["code"] = CodeFor(ctx.ProblemDetails.Status ?? 500);
            }
        });
        // Problems are JSON whatever the Accept header says (a browser asking for text/html included).
        builder.Services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed JSON and unbindable parameters throw, so they reach the handler below as 400s with the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new StorableStringConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
    }

    internal static string CodeFor(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        412 => "precondition-failed",
        413 => "too-large",
        415 => "unsupported-media-type",
        428 => "precondition-required",
        429 => "too-many-requests",
        _ => status >= 500 ? "server-error" : "error",
    };
}

/// <summary>Maps every exception to problem details; the caller's faults never become a 500.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => Problem(p.Status, p.Code, p.Title, p.Detail, p.Errors),
            BadHttpRequestException b => FromBadRequest(b),
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
                Problem(409, "duplicate", "Conflict", "It already exists."),
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } =>
                Problem(409, "reference", "Conflict", "It refers to, or is referred to by, something else."),
            // Safety net behind InputGuard: values the database cannot take are the caller's, never a 500.
            PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } =>
                Problem(400, "validation", "One or more fields are invalid.", InputGuard.NulMessage,
                    new Dictionary<string, string[]> { ["body"] = [InputGuard.NulMessage] }),
            PostgresException
            {
                SqlState: PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NumericValueOutOfRange
                or PostgresErrorCodes.InvalidDatetimeFormat or PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidTextRepresentation
                or PostgresErrorCodes.ProgramLimitExceeded
            } =>
                Problem(400, "validation", "One or more fields are invalid.", "A value is too long, too large or not in a form that can be stored.",
                    new Dictionary<string, string[]> { ["body"] = ["A value is too long, too large or not in a form that can be stored."] }),
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } or
            NpgsqlException { InnerException: TimeoutException } =>
                Problem(503, "busy", "Service busy", "The service is busy right now; nothing was changed. Try again shortly."),
            // The database is restarting, shutting down or unreachable: brief, and nothing was committed.
            PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } or
            NpgsqlException { IsTransient: true } =>
                Problem(503, "database-unavailable", "Service unavailable", "The database is not reachable right now; nothing was changed. Try again shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                Problem(499, "cancelled", "Request cancelled", null, null),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            problem = Problem(500, "server-error", "An unexpected error occurred.",
                "The error has been logged; quote the request id when reporting it.", null);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        if (exception is ProblemException { RetryAfter: { } retryAfter })
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterDefaults.Seconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException b)
    {
        if (b.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, "too-large", "Request too large", b.Message, null);
        }

        // A JSON error names the path of the field at fault ("$.username"); report it as that field.
        if (b.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 0 } p ? p.TrimStart('$').TrimStart('.') : "";
            var text = json is FieldJsonException ? json.Message : "Malformed JSON or a value of the wrong type.";
            return Invalid(b.StatusCode, path.Length == 0 ? "body" : path, text);
        }

        // Binding failures name .NET types ("Failed to bind parameter \"Guid id\" from \"x\""): say it in words.
        if (BindFailure().Match(b.Message) is { Success: true } bind)
        {
            return Invalid(b.StatusCode, bind.Groups["name"].Value, $"Not a valid {Describe(bind.Groups["type"].Value)}.");
        }

        if (RequiredMissing().Match(b.Message) is { Success: true } missing)
        {
            return Invalid(b.StatusCode, missing.Groups["name"].Value, "Required.");
        }

        if (b.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Invalid(b.StatusCode, "body", "Send the body as JSON (Content-Type: application/json).");
        }

        if (b.Message.Contains("body was provided", StringComparison.Ordinal) || b.Message.Contains("Implicit body", StringComparison.Ordinal))
        {
            return Invalid(b.StatusCode, "body", "A JSON body is required.");
        }

        return Invalid(b.StatusCode, "request", "The request is malformed.");
    }

    private static ProblemDetails Invalid(int status, string field, string message) =>
        Problem(status, status == 415 ? "unsupported-media-type" : "validation", "The request is malformed.", message,
            new Dictionary<string, string[]> { [field] = [message] });

    private static string Describe(string type)
    {
        var t = type.TrimEnd('?');
        if (t.StartsWith("Nullable<", StringComparison.Ordinal))
        {
            t = t["Nullable<".Length..].TrimEnd('>');
        }

        return t switch
        {
            "Guid" => "id (a UUID)",
            "int" or "long" or "short" or "Int32" or "Int64" => "whole number",
            "bool" or "Boolean" => "true or false",
            "DateOnly" => "date (yyyy-MM-dd)",
            "DateTimeOffset" or "DateTime" => "date and time (ISO 8601)",
            "decimal" or "double" => "number",
            _ => "value",
        };
    }

    [GeneratedRegex("""parameter "(?<type>[^" ]+) (?<name>[A-Za-z0-9_]+)" from""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>[^" ]+) (?<name>[A-Za-z0-9_]+)" was not provided""")]
    private static partial Regex RequiredMissing();

    private static ProblemDetails Problem(int status, string code, string title, string? detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        problem.Type = $"https://eoffice.dev/problems/{code}";
        problem.Extensions["code"] = code;
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>
/// Writes problem details as <c>application/problem+json</c> whatever the request's <c>Accept</c>: the
/// default writer declines <c>text/html</c> and the failure became an empty 500.
/// </summary>
internal sealed class JsonProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonFor(problem.Status.Value);
        problem.Type ??= $"https://eoffice.dev/problems/{ProblemDetailsExtensions.CodeFor(problem.Status.Value)}";
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }

    private static string ReasonFor(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "Error";
}
