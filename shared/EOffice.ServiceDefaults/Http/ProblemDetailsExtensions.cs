using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed JSON and unbindable parameters throw, so they reach the handler below as 400s with the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
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
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg =>
                Problem(409, "duplicate", "Conflict", $"It already exists ({pg.ConstraintName})."),
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg =>
                Problem(409, "reference", "Conflict", $"It refers to, or is referred to by, something else ({pg.ConstraintName})."),
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } or
            NpgsqlException { InnerException: TimeoutException } =>
                Problem(503, "busy", "Service busy", "The service is busy right now; nothing was changed. Try again shortly."),
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
        var json = b.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (field.Length == 0)
        {
            field = "body";
        }

        var message = json is not null ? "Malformed JSON or a value of the wrong type." : b.Message;
        return Problem(b.StatusCode, "validation", "The request is malformed.", message,
            new Dictionary<string, string[]> { [field] = [message] });
    }

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
