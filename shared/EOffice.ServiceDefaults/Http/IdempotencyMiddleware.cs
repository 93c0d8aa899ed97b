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
/// gets 409; a key reused for another path gets 422. The work a request commits marks its key carried
/// out in the same transaction (<see cref="IdempotencyClaim"/>): when the process dies after that commit
/// and before the response is kept, a retry gets 409 <c>idempotency-response-lost</c> and nothing runs twice.
/// </summary>
public static class IdempotencyMiddleware
{
    /// <summary>The header.</summary>
    public const string Header = "Idempotency-Key";

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
            var keyParams = new { userId, key, path };

            // The request that runs holds a session advisory lock on its key for as long as it runs, on a connection
            // of its own. A retry that cannot take the lock is concurrent with it (409). When the process handling
            // it dies, Postgres drops its session and the lock with it, so the retry takes over at once instead of
            // waiting for the unfinished claim to age out.
            await using var guard = await db.DataSource.OpenConnectionAsync(context.RequestAborted);
            var locked = await guard.ExecuteScalarAsync<bool>(
                "select pg_try_advisory_lock(hashtextextended('eoffice.idempotency.' || @userId::text || '.' || @key, 0))", keyParams);
            try
            {
                if (locked)
                {
                    // Nobody is running this key: an unfinished claim belongs to a request that died with its process
                    // (kept when that request's work was committed).
                    await guard.ExecuteAsync(
                        "delete from idempotency_keys where user_id = @userId and key = @key and not completed and not committed", keyParams);
                }

                var claimed = locked && await guard.ExecuteAsync(
                    "insert into idempotency_keys (user_id, key, method, path) values (@userId, @key, 'POST', @path) on conflict do nothing",
                    keyParams) == 1;
                if (!claimed)
                {
                    var stored = await guard.QuerySingleOrDefaultAsync<StoredResponse>(
                        "select path, completed, committed, status, content_type, location, etag, body from idempotency_keys where user_id = @userId and key = @key",
                        keyParams);
                    if (stored is not null && stored.Path != path)
                    {
                        throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused",
                            "This Idempotency-Key was already used for another request.");
                    }

                    if (locked && stored is { Completed: false, Committed: true })
                    {
                        throw ProblemException.Conflict("idempotency-response-lost",
                            "The request with this Idempotency-Key was carried out, but the service stopped before answering; read the resource to see its state.");
                    }

                    if (stored is not { Completed: true })
                    {
                        throw ProblemException.Conflict("idempotency-in-progress", "A request with this Idempotency-Key is still being processed.");
                    }

                    await ReplayAsync(context, stored);
                    return;
                }

                await RunAndRememberAsync(context, next, guard, userId, key);
            }
            finally
            {
                if (locked && guard.State == System.Data.ConnectionState.Open)
                {
                    await guard.ExecuteAsync(
                        "select pg_advisory_unlock(hashtextextended('eoffice.idempotency.' || @userId::text || '.' || @key, 0))", keyParams);
                }
            }
        });
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
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
    }

    private static async Task RunAndRememberAsync(HttpContext context, RequestDelegate next, Npgsql.NpgsqlConnection connection, Guid userId, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var succeeded = false;
        IdempotencyClaim.Current = new IdempotencyClaim(userId, key);
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            IdempotencyClaim.Current = null;
            context.Response.Body = original;
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
                // A failure is not remembered (the caller may fix the request and retry with the same key), unless it
                // came after the work was committed.
                await connection.ExecuteAsync("delete from idempotency_keys where user_id = @userId and key = @key and not committed", new { userId, key });
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private sealed class StoredResponse
    {
        public string Path { get; init; } = "";
        public bool Completed { get; init; }
        public bool Committed { get; init; }
        public int? Status { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? Etag { get; init; }
        public byte[]? Body { get; init; }
    }
}
