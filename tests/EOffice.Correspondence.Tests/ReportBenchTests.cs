using System.Diagnostics;
using System.Net;
using EOffice.Testing;
using Xunit.Abstractions;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// How long the letter reports take over a city's year: 100,000 letters of 2025 (40% incoming, 60% sent, one
/// addressee each) spread over the demo city's units, seeded by SQL. Prints the figures; asserts only that they answer.
/// </summary>
public sealed class ReportBenchTests(CorrespondenceFixture f, ITestOutputHelper output) : IClassFixture<CorrespondenceFixture>
{
    [ReportBenchFact]
    public async Task A_citys_year_of_letters()
    {
        var seed = Stopwatch.StartNew();
        await SeedAsync(
            """
            with units as (select array_agg(id order by code) as ids from correspondence.org_units),
                 heads as (select array_agg(id order by id) as ids from correspondence.org_positions where is_unit_head),
                 s as (
                     select i, gen_random_uuid() as id, i % 5 < 2 as incoming,
                            timestamptz '2025-01-01 00:00+07' + (i % 365) * interval '1 day' + (i % 600) * interval '1 minute' as at
                     from generate_series(1, 100000) i
                 ),
                 l as (
                     insert into correspondence.letters (id, direction, type, subject, classification_code, security, urgency, status,
                         drafter_user_id, unit_id, sender_institution, sender_number, sender_date, received_at, sent_at, signed_at,
                         agenda_number, number, letter_date)
                     select s.id, case when incoming then 'Incoming' else 'Outgoing' end,
                            (array['Surat Dinas', 'Nota Dinas', 'Surat Undangan', 'Surat Edaran', 'Laporan'])[1 + i % 5],
                            'Perihal surat nomor ' || i, '000.1', (array['Biasa', 'Biasa', 'Terbatas', 'Rahasia'])[1 + i % 4], 'Biasa',
                            case when incoming then 'Received' else 'Sent' end, gen_random_uuid(),
                            (select ids[1 + i % array_length(ids, 1)] from units),
                            case when incoming then 'Instansi ' || (i % 97) end, case when incoming then 'EXT/' || i end,
                            case when incoming then (s.at - interval '3 days')::date end,
                            case when incoming then s.at end, case when not incoming then s.at end, case when not incoming then s.at end,
                            case when incoming then 'AG/' || i end, case when not incoming then 'N/' || i end, s.at::date
                     from s
                     returning id
                 )
            insert into correspondence.letter_recipients (id, letter_id, ordinal, cc, position_id, external_name, target_position_id, delivered_at)
            select gen_random_uuid(), s.id, 0, false,
                   case when s.i % 3 = 0 and not s.incoming then null else (select ids[1 + s.i % array_length(ids, 1)] from heads) end,
                   case when s.i % 3 = 0 and not s.incoming then 'Penerima luar ' || s.i end,
                   case when s.i % 3 = 0 and not s.incoming then null else (select ids[1 + s.i % array_length(ids, 1)] from heads) end,
                   s.at
            from s
            returning 1
            """);
        await SeedAsync("analyze correspondence.letters; analyze correspondence.letter_recipients; select 1");
        output.WriteLine($"seeded 100,000 letters in {seed.Elapsed.TotalSeconds:0.0} s");

        var year = "from=2025-01-01&to=2025-12-31";
        await TimeAsync("walikota@eoffice.local", $"/api/reports/letters?{year}", "letters, whole city (Wali Kota)");
        await TimeAsync("admin@eoffice.local", $"/api/reports/letters?{year}", "letters, whole city (admin, counts)");
        await TimeAsync(CorrespondenceFixture.Secretariat, $"/api/reports/letters?{year}", "letters, one agency (secretariat)");
        await TimeAsync(CorrespondenceFixture.Secretariat, $"/api/reports/agenda?{year}&format=json", "agenda json, one agency");
        await TimeAsync(CorrespondenceFixture.Secretariat, $"/api/reports/agenda?{year}&format=csv", "agenda csv, one agency");
        await TimeAsync(CorrespondenceFixture.Secretariat, $"/api/reports/agenda?{year}&format=xlsx", "agenda xlsx, one agency");
        await TimeAsync("walikota@eoffice.local", $"/api/reports/agenda?{year}&format=json", "agenda json, whole city");
        await TimeAsync("walikota@eoffice.local", $"/api/reports/agenda?{year}&format=xlsx", "agenda xlsx, whole city");
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
        client.Timeout = TimeSpan.FromMinutes(5);
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
