using System.Diagnostics;
using System.Net;
using EOffice.Testing;
using Xunit.Abstractions;

namespace EOffice.Disposition.Tests;

/// <summary>
/// How long the disposition report takes over a city's year: 100,000 dispositions of 2025 on 50,000 letters to the
/// demo city's positions (half completed, some late, some overdue), seeded by SQL. Prints the figures.
/// </summary>
public sealed class ReportBenchTests(DispositionFixture f, ITestOutputHelper output) : IClassFixture<DispositionFixture>
{
    [ReportBenchFact]
    public async Task A_citys_year_of_dispositions()
    {
        var seed = Stopwatch.StartNew();
        await SeedAsync(
            """
            with positions as (select array_agg(id order by id) as ids from disposition.org_positions),
                 s as (
                     select i, gen_random_uuid() as id, ('00000000-0000-4000-8000-' || lpad(to_hex(i / 2), 12, '0'))::uuid as letter_id,
                            timestamptz '2025-01-01 00:00+07' + (i % 365) * interval '1 day' + (i % 600) * interval '1 minute' as at
                     from generate_series(1, 100000) i
                 ),
                 r as (
                     insert into disposition.letter_receipts (letter_id, position_id, number, agenda_number, subject, sender, security, urgency,
                         classification_code, cc, incoming, received_at)
                     select letter_id, (select ids[1] from positions), 'N/' || i, 'AG/' || i, 'Perihal ' || i, 'Instansi', 'Biasa', 'Biasa', '000', false, true, at
                     from s where i % 2 = 0
                     on conflict do nothing
                     returning 1
                 )
            insert into disposition.dispositions (id, letter_id, from_position_id, from_user_id, to_position_id, instructions, due_at, status,
                completed_at, late, created_at)
            select id, letter_id, (select ids[1] from positions), gen_random_uuid(), (select ids[1 + i % array_length(ids, 1)] from positions),
                   array['Untuk ditindaklanjuti'], at + interval '5 days',
                   (array['Open', 'Read', 'InProgress', 'Completed', 'Completed', 'Completed', 'Cancelled'])[1 + i % 7],
                   case when (1 + i % 7) between 4 and 6 then at + (i % 200) * interval '1 hour' end,
                   (1 + i % 7) between 4 and 6 and i % 200 > 120, at
            from s
            returning 1
            """);
        await SeedAsync("analyze disposition.dispositions; analyze disposition.letter_receipts; select 1");
        output.WriteLine($"seeded 100,000 dispositions in {seed.Elapsed.TotalSeconds:0.0} s");

        var year = "from=2025-01-01&to=2025-12-31";
        await TimeAsync("walikota@eoffice.local", $"/api/reports/dispositions?{year}", "dispositions, whole city (Wali Kota)");
        await TimeAsync("admin@eoffice.local", $"/api/reports/dispositions?{year}", "dispositions, whole city (admin, counts)");
        await TimeAsync(DispositionFixture.AgencyHead, $"/api/reports/dispositions?{year}", "dispositions, one agency (head)");
        await TimeAsync("walikota@eoffice.local", $"/api/reports/dispositions?{year}&overdue=true", "dispositions + overdue list (500), whole city");
    }

    // Seeding takes longer than a command's default 30 s on a busy machine.
    private async Task SeedAsync(string sql)
    {
        await using var connection = await f.Database.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private async Task TimeAsync(string user, string path, string what)
    {
        using var client = await f.As(user);
        var times = new List<double>();
        long bytes = 0;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bytes = body.Length;
        }

        output.WriteLine($"{what}: first {times[0]:0} ms, then {times[1]:0} ms and {times[2]:0} ms ({bytes / 1024} KiB)");
    }
}
