using EOffice.ServiceDefaults;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Messaging;
using MassTransit;

namespace EOffice.ServiceDefaults.Tests;

/// <summary>A test event with a stable exchange name, as real contracts have.</summary>
[EntityName("eoffice-test.pinged")]
public sealed record Pinged(Guid Id, string Note);

/// <summary>Records one effect per consumed <see cref="Pinged"/>.</summary>
public sealed class PingConsumer(Db db) : IdempotentConsumer<Pinged>(db)
{
    /// <inheritdoc />
    protected override Task HandleAsync(Pinged message, UnitOfWork uow, CancellationToken ct) =>
        uow.ExecuteAsync("insert into ping_effects (id, ping_id, note) values (@effectId, @pingId, @note)",
            new { effectId = Guid.CreateVersion7(), pingId = message.Id, note = message.Note });
}

/// <summary>A request with required fields, to see validation problems.</summary>
public sealed record PingRequest(string? Note, int? Count);

/// <summary>A minimal service built only from ServiceDefaults, as every EOffice service is.</summary>
public static class TestHost
{
    /// <summary>Starts it on a loopback port against the given database and broker.</summary>
    public static async Task<WebApplication> StartAsync(string postgres, string rabbitMq)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(TestHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:RabbitMq"] = rabbitMq,
            ["Outbox:PublishTimeout"] = "00:00:03",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddDatabase("testsvc", typeof(TestHost).Assembly);
        builder.AddMessaging("testsvc", x => x.AddConsumer<PingConsumer>());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapPost("/pings", async (PingRequest request, Db db) =>
        {
            new FieldErrors().Required("note", request.Note, 20).Check(request.Count is > 0, "count", "Must be positive.").ThrowIfAny();
            await using var uow = await db.BeginAsync();
            var id = Guid.CreateVersion7();
            await uow.ExecuteAsync("insert into pings (id, note) values (@id, @Note)", new { id, request.Note });
            await uow.PublishAsync(new Pinged(id, request.Note!));
            await uow.CommitAsync();
            return TypedResults.Created($"/pings/{id}", new { id });
        }).AllowAnonymous();
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret internals")).AllowAnonymous();
        app.MapGet("/secured", () => TypedResults.Ok());
        app.MapGet("/pings/{id:guid}", IResult (Guid id) => throw ProblemException.NotFound("ping")).AllowAnonymous();
        app.MapGet("/search", async (string? q, int? count, Db db) =>
            TypedResults.Ok(new { found = await db.ExecuteScalarAsync<int>("select count(*)::int from pings where note = @q", new { q }), count })).AllowAnonymous();
        app.MapGet("/raw", async (string? q, Db db) =>
            TypedResults.Ok(await db.ExecuteScalarAsync<int>("select count(*)::int from pings where note = @q", new { q }))).AllowAnonymous();
        await app.StartAsync();
        return app;
    }

    /// <summary>The address the host listens on.</summary>
    public static Uri AddressOf(WebApplication app) => new(app.Urls.First() + "/");
}
