using System.Net.Http.Headers;
using System.Text;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace EOffice.Testing;

/// <summary>
/// Where tests find Postgres and RabbitMQ: the environment (<c>EOFFICE_TEST_POSTGRES</c>, an admin
/// connection string that may create databases; <c>EOFFICE_TEST_RABBITMQ</c>, an amqp URI;
/// <c>EOFFICE_TEST_RABBITMQ_MANAGEMENT</c>, the management API URL, as <c>./eoffice test</c> sets them),
/// else containers when a Docker engine answers, else a clear failure.
/// </summary>
public static class TestEnvironment
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Endpoints? _endpoints;

    /// <summary>The servers, started once per test process.</summary>
    public static async Task<Endpoints> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _endpoints ??= await ResolveAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Endpoints> ResolveAsync()
    {
        var pg = Environment.GetEnvironmentVariable("EOFFICE_TEST_POSTGRES");
        var mq = Environment.GetEnvironmentVariable("EOFFICE_TEST_RABBITMQ");
        var mgmt = Environment.GetEnvironmentVariable("EOFFICE_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrEmpty(pg) && !string.IsNullOrEmpty(mq) && !string.IsNullOrEmpty(mgmt))
        {
            return new Endpoints(pg, mq, new Uri(mgmt));
        }

        try
        {
            var postgres = new PostgreSqlBuilder("postgres:16-alpine").Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3-management-alpine").WithPortBinding(15672, true).Build();
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            var management = new UriBuilder("http", rabbit.Hostname, rabbit.GetMappedPublicPort(15672))
            {
                UserName = RabbitMqBuilder.DefaultUsername,
                Password = RabbitMqBuilder.DefaultPassword,
            }.Uri;
            return new Endpoints(postgres.GetConnectionString(), rabbit.GetConnectionString(), management);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "Tests need PostgreSQL and RabbitMQ. Run them with `./eoffice test` (which starts both from the machine's packages " +
                "and sets EOFFICE_TEST_POSTGRES, EOFFICE_TEST_RABBITMQ and EOFFICE_TEST_RABBITMQ_MANAGEMENT), set those variables " +
                "yourself, or provide a Docker engine for Testcontainers. Docker said: " + ex.Message, ex);
        }
    }

    /// <summary>The test servers.</summary>
    public sealed record Endpoints(string PostgresAdmin, string RabbitMq, Uri RabbitMqManagement)
    {
        /// <summary>A client for the RabbitMQ management API, authenticated from the URL's user info.</summary>
        public HttpClient ManagementClient()
        {
            var client = new HttpClient { BaseAddress = new Uri(RabbitMqManagement.GetLeftPart(UriPartial.Authority)) };
            var user = Uri.UnescapeDataString(RabbitMqManagement.UserInfo);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
            return client;
        }
    }
}
