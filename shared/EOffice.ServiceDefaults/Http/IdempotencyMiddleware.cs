using Dapper;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// Honours <c>Idempotency-Key</c> on every POST of a service with a database: the first request with
/// a key runs and its successful response is kept; a retry with the same key by the same caller gets
/// that response again instead of creating a second thing. A retry while the first is still running
/// gets 409; a key reused for another path gets 422.
/// </summary>
public static class IdempotencyMiddleware
{
    /// <summary>The header.</summary>
    public const string Header = "Idempotency-Key";

    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    internal static void UseIdempotency(this WebApplication app)
    {
        if (app.Services.GetService<Db>() is null)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            var key = context.Request.Headers[Header].ToString();
            if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            if (key.Length > 200)
            {
                throw ProblemException.Invalid(Header, "At most 200 characters.");
            }

            var db = context.RequestServices.GetRequiredService<Db>();
            var userId = context.Caller().UserId;
            var path = context.Request.Path.Value ?? "";
            await using (var connection = await db.DataSource.OpenConnectionAsync(context.RequestAborted))
            {
                await connection.ExecuteAsync(
                    "delete from idempotency_keys where user_id = @userId and key = @key and not completed and created_at < now() - @abandoned",
                    new { userId, key, abandoned = Abandoned });
                var claimed = await connection.ExecuteAsync(
                    "insert into idempotency_keys (user_id, key, method, path) values (@userId, @key, 'POST', @path) on conflict do nothing",
                    new { userId, key, path });
                if (claimed == 0)
                {
                    var stored = await connection.QuerySingleAsync<StoredResponse>(
                        "select path, completed, status, content_type, location, etag, body from idempotency_keys where user_id = @userId and key = @key",
                        new { userId, key });
                    if (stored.Path != path)
                    {
                        throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused",
                            "This Idempotency-Key was already used for another request.");
                    }

                    if (!stored.Completed)
                    {
                        throw ProblemException.Conflict("idempotency-in-progress", "A request with this Idempotency-Key is still being processed.");
                    }

                    context.Response.StatusCode = stored.Status ?? 200;
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    if (stored.ContentType is { } type)
                    {
                        context.Response.ContentType = type;
                    }

                    if (stored.Location is { } location)
                    {
                        context.Response.Headers.Location = location;
                    }

                    if (stored.Etag is { } etag)
                    {
                        context.Response.Headers.ETag = etag;
                    }

                    await context.Response.Body.WriteAsync(stored.Body ?? [], context.RequestAborted);
                    return;
                }
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            var succeeded = false;
            try
            {
                await next(context);
                succeeded = context.Response.StatusCode is >= 200 and < 300;
            }
            finally
            {
                context.Response.Body = original;
                await using var connection = await db.DataSource.OpenConnectionAsync(CancellationToken.None);
                if (succeeded)
                {
                    await connection.ExecuteAsync(
                        """
                        update idempotency_keys set completed = true, status = @status, content_type = @contentType,
                            location = @location, etag = @etag, body = @body
                        where user_id = @userId and key = @key
                        """,
                        new
                        {
                            userId,
                            key,
                            status = context.Response.StatusCode,
                            contentType = context.Response.ContentType,
                            location = context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                            etag = context.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
                            body = buffer.ToArray(),
                        });
                }
                else
                {
                    // A failure is not remembered: the caller may fix the request and retry with the same key.
                    await connection.ExecuteAsync("delete from idempotency_keys where user_id = @userId and key = @key", new { userId, key });
                }
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
    }

    private sealed class StoredResponse
    {
        public string Path { get; init; } = "";
        public bool Completed { get; init; }
        public int? Status { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? Etag { get; init; }
        public byte[]? Body { get; init; }
    }
}
