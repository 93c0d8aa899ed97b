using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// A measurement, not a test: skipped unless <c>EOFFICE_LETTER_BENCH=1</c>, so the regular suite stays quick:
/// <c>EOFFICE_LETTER_BENCH=1 dotnet test tests/EOffice.Correspondence.Tests -c Release --filter LetterReadBench --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class LetterReadBenchFactAttribute : FactAttribute
{
    /// <summary>Skips unless the environment asks for the measurement.</summary>
    public LetterReadBenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EOFFICE_LETTER_BENCH") != "1")
        {
            Skip = "A measurement: set EOFFICE_LETTER_BENCH=1 to run it.";
        }
    }
}

/// <summary>
/// How long reading one letter takes and how many database round trips it makes: a sent letter with a reviewer's
/// decision, an attachment and two addressees, read by its addressee 500 times through <c>GET /api/letters/{id}</c>
/// and 500 times through <see cref="LetterStore"/> (visibility check and view, as the endpoint does), counting the
/// Npgsql commands each load runs. Prints the figures; asserts only that the letter reads.
/// </summary>
public sealed class LetterReadBenchTests(CorrespondenceFixture f, ITestOutputHelper output) : IClassFixture<CorrespondenceFixture>
{
    private const int Runs = 500;
    private static readonly ActivitySource Bench = new("EOffice.LetterReadBench");

    [LetterReadBenchFact]
    public async Task Reading_a_letter()
    {
        var id = await f.CreateAsync(f.Draft());
        using (var drafter = await f.As(CorrespondenceFixture.Drafter))
        {
            var content = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            (await drafter.PostAsync($"/api/letters/{id}/attachments", new MultipartFormDataContent { { content, "file", "lampiran.pdf" } })).EnsureSuccessStatusCode();
        }

        await f.SendAsync(id);

        using var client = await f.As(CorrespondenceFixture.Addressee);
        for (var warm = 0; warm < 20; warm++)
        {
            (await client.GetAsync($"/api/letters/{id}")).EnsureSuccessStatusCode();
        }

        var http = new List<double>(Runs);
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/api/letters/{id}");
            _ = await response.Content.ReadAsByteArrayAsync();
            http.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The same read in-process, so the commands it runs can be told apart from the background loops' by trace.
        using var commands = new TraceCommands(Bench.Name);

        var caller = new Caller(f.Users[CorrespondenceFixture.Addressee], "bench", null, null, null, new HashSet<string>(StringComparer.Ordinal) { "staff" });
        var store = new List<double>(Runs);
        var perLoad = new List<int>(Runs);
        for (var run = 0; run < Runs; run++)
        {
            using var scope = f.Service.Services.CreateScope();
            var letters = scope.ServiceProvider.GetRequiredService<LetterStore>();
            using var activity = Bench.StartActivity("load")!;
            commands.Watch(activity.TraceId);

            var watch = Stopwatch.StartNew();
            var (a, _) = await letters.VisibleAsync(id, caller, CancellationToken.None);
            var view = await letters.ViewAsync(a, CancellationToken.None);
            store.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(id, view.Id);
            activity.Stop();
            var ran = commands.Of(activity.TraceId);
            perLoad.Add(ran.Count);
            if (run == 0)
            {
                output.WriteLine($"commands of one load: {string.Join(" | ", ran)}");
            }
        }

        output.WriteLine($"GET /api/letters/{{id}} x{Runs}: p50 {Percentile(http, 0.50):0.00} ms, p99 {Percentile(http, 0.99):0.00} ms, mean {http.Average():0.00} ms");
        output.WriteLine($"LetterStore.VisibleAsync+ViewAsync x{Runs}: p50 {Percentile(store, 0.50):0.00} ms, p99 {Percentile(store, 0.99):0.00} ms, "
            + $"round trips per load min {perLoad.Min()} max {perLoad.Max()}");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
