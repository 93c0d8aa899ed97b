using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;
using Npgsql;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// The services lose Postgres (the link is cut: connections drop, new ones are refused, as in a database restart).
/// Callers get 503 problem details with <c>Retry-After</c> — never a 500 — nothing changes, and a client that
/// retries the same request with its Idempotency-Key once the database is back gets exactly one letter.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseOutageTests(FaultPlatformFixture platform)
{
    [Fact]
    public async Task While_the_database_is_away_reads_and_writes_answer_503_with_retry_after_and_a_retried_create_makes_one_letter()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        var drafter = await platform.LoginAsync("fajar.nugroho@eoffice.local");
        var subject = "Uji basis data " + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString("N");
        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/letters", UriKind.Relative))
            {
                Content = JsonContent.Create(LetterDraft.NotaDinas(subject, positions["Kepala Bidang Mutasi dan Promosi"],
                    positions["Kepala Bidang Aplikasi Informatika"], "Naskah dibuat ketika basis data dimulai ulang.")),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", drafter);
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        HttpRequestMessage Inbox()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/mailbox/drafts", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", drafter);
            return request;
        }

        platform.PostgresLink!.Cut();
        try
        {
            foreach (var request in new[] { Inbox(), Create() })
            {
                using (request)
                {
                    using var response = await platform.Gateway.SendAsync(request);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal("database-unavailable", body.Text("code"));
                    Assert.NotNull(response.Headers.RetryAfter?.Delta);
                }
            }
        }
        finally
        {
            platform.PostgresLink.Restore();
        }

        // The client honours Retry-After and sends the same request again until it goes through.
        HttpStatusCode status = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var request = Create();
            using var response = await platform.Gateway.SendAsync(request);
            status = response.StatusCode;
            return status != HttpStatusCode.ServiceUnavailable;
        }, "the create goes through once the database is back", TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Created, status);
        await using var db = new NpgsqlConnection(platform.DatabaseConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from correspondence.letters where subject = @subject", db);
        count.Parameters.AddWithValue("subject", subject);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
