using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// How long sending a signed letter takes and how many database round trips it makes, for 1, 5 and 20 internal
/// addressees: <c>POST /api/letters/{id}/send</c> by the signer, as the endpoint runs it (the send transaction and the
/// view it answers with). Round trips are the Npgsql commands of the request's trace (a <c>traceparent</c> the test
/// sets). A measurement, skipped unless <c>EOFFICE_LETTER_BENCH=1</c>:
/// <c>EOFFICE_LETTER_BENCH=1 dotnet test tests/EOffice.Correspondence.Tests -c Release --filter SendBench --logger "console;verbosity=detailed"</c>
/// (<c>EOFFICE_SEND_BENCH_RUNS</c> letters per size, 100 unless set). Prints the figures; asserts only that every letter is sent
/// and reaches every addressee.
/// </summary>
public sealed class SendBenchTests(CorrespondenceFixture f, ITestOutputHelper output) : IClassFixture<CorrespondenceFixture>
{
    private static readonly int[] Sizes = [1, 5, 20];

    [LetterReadBenchFact]
    public async Task Sending_a_letter()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("EOFFICE_SEND_BENCH_RUNS"), CultureInfo.InvariantCulture, out var n) ? n : 100;
        var signerPosition = f.Position("Kepala Bidang Aplikasi Informatika");
        var addressees = f.Positions.Where(p => p.Value != signerPosition).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
        Assert.True(addressees.Count >= Sizes.Max(), $"The demo city has {addressees.Count} positions.");

        // Signed letters first (signing hashes a password), so the timed part is the send alone.
        var prepared = new Dictionary<int, List<Guid>>();
        foreach (var size in Sizes)
        {
            prepared[size] = [];
            for (var i = 0; i < runs + 3; i++)
            {
                prepared[size].Add(await SignedAsync(addressees.Take(size).ToList(), signerPosition));
            }
        }

        using var signer = await f.As(CorrespondenceFixture.Signer);
        using var commands = new TraceCommands("Microsoft.AspNetCore");

        var report = new List<string>();
        foreach (var size in Sizes)
        {
            var letters = prepared[size];
            // The first three: warm-up, and the round trips counted (each request under a trace of its own).
            var trips = new List<int>();
            foreach (var id in letters.Take(3))
            {
                var trace = ActivityTraceId.CreateRandom();
                commands.Watch(trace);

                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/letters/{id}/send");
                request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
                (await signer.SendAsync(request)).EnsureSuccessStatusCode();
                var ran = commands.Of(trace);
                trips.Add(ran.Count);
                if (size == Sizes.Max() && trips.Count == 3)
                {
                    output.WriteLine($"commands of one send to {size}: {string.Join(" | ", ran)}");
                }
            }

            var times = new List<double>(runs);
            foreach (var id in letters.Skip(3))
            {
                var watch = Stopwatch.StartNew();
                using var response = await signer.PostAsync($"/api/letters/{id}/send", null);
                _ = await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            report.Add($"send to {size,2} addressee(s) x{runs}: p50 {Percentile(times, 0.50):0.0} ms, p99 {Percentile(times, 0.99):0.0} ms, "
                + $"mean {times.Average():0.0} ms; round trips per request {trips.Min()}–{trips.Max()}");
        }

        foreach (var line in report)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        var delivered = await f.ScalarAsync<long>(
            "select count(*) from correspondence.letter_recipients r join correspondence.letters l on l.id = r.letter_id where l.status = 'Sent' and r.delivered_at is not null");
        Assert.Equal(Sizes.Sum(s => (long)s * (runs + 3)), delivered);
    }

    // A letter from the drafter to the given positions, signed without review.
    private async Task<Guid> SignedAsync(IReadOnlyList<Guid> to, Guid signerPosition)
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var created = await drafter.PostAsJsonAsync("/api/letters", new
        {
            type = "Surat Dinas",
            subject = "Undangan rapat koordinasi kota cerdas",
            summary = "Rapat koordinasi pelaksanaan SPBE",
            body = "Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi.",
            classificationCode = "000.1.2",
            security = "Biasa",
            urgency = "Segera",
            to = to.Select(p => new { positionId = p }).ToArray(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = signerPosition,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        await f.SignAsync(id, withReview: false);
        return id;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
