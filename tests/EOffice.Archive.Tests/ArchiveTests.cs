using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Archive.Classification;
using EOffice.Archive.Lifecycle;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EOffice.Archive.Tests;

public sealed class ArchiveTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static string Unique() => "u" + Guid.NewGuid().ToString("N")[..10];

    private async Task<List<JsonElement>> SearchAsync(string user, string query)
    {
        using var client = await f.As(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/records?" + query);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    [Theory]
    [InlineData("Biasa", true)]
    [InlineData("Terbatas", true)]
    [InlineData("Terbatas", false)]
    public async Task A_letters_text_from_the_internal_exchange_is_searchable_whichever_event_arrives_first(string security, bool textFirst)
    {
        var word = Unique();
        var id = await f.SendAsync("800/" + Random.Shared.Next(1000, 9999) + "/DISKOMINFO/2026", "Laporan pusat data", $"Isi laporan dengan kata {word}.",
            security: security, textFirst: textFirst);

        var found = await SearchAsync(ArchiveFixture.Addressee, "q=" + word);

        Assert.Equal([id], found.Select(r => r.GetProperty("letterId").GetGuid()).Distinct());
        Assert.Equal("Laporan pusat data", found[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_sent_letter_becomes_one_record_per_unit_even_when_its_event_is_replayed()
    {
        var messageId = NewId.NextGuid();
        var id = await f.SendAsync("800.1.11/1/DISKOMINFO-APTIKA/2026", "Formasi pegawai", "Isi", messageId: messageId);
        await f.SendAsync("800.1.11/1/DISKOMINFO-APTIKA/2026", "Formasi pegawai", "Isi", messageId: messageId, letterId: id);
        await f.SendAsync("800.1.11/1/DISKOMINFO-APTIKA/2026", "Formasi pegawai", "Isi", letterId: id);

        var units = await f.QueryAsync<Guid>("select unit_id from archive.records where letter_id = @id order by unit_id", new { id });
        Assert.Equal(new[] { f.SenderUnit, f.RecipientUnit }.Order(), units);
        Assert.Equal(2, await f.ScalarAsync<int>(
            "select count(*)::int from archive.outbox where exchange = 'eoffice.record-created' and payload ->> 'letterId' = @id", new { id = id.ToString() }));
    }

    [Theory]
    [InlineData("000.1.2", 1, 3, "Destroy", true)]   // its own rule
    [InlineData("000.1", 2, 5, "Destroy", true)]     // no rule of its own: 000's
    [InlineData("800.1.11", 2, 5, "Destroy", true)]
    [InlineData("000.1.77", 2, 5, "Destroy", false)] // unknown: nearest known prefix 000.1, which inherits 000
    [InlineData("999", 2, 7, "Review", false)]       // unknown with no known prefix: the default rule, flagged
    public async Task Retention_dates_follow_the_codes_rule_or_the_inherited_one(string code, int activeYears, int totalYears, string final, bool known)
    {
        var id = await f.SendAsync($"{code}/9/DISKOMINFO-APTIKA/2026", "Retensi " + code, "Isi", classification: code, date: new DateOnly(2026, 3, 1));

        var row = (await f.QueryAsync<(DateOnly ActiveUntil, DateOnly InactiveUntil, string Final, bool Known)>(
            "select active_until, inactive_until, final_disposition, classification_known from archive.records where letter_id = @id limit 1", new { id })).Single();
        Assert.Equal(new DateOnly(2026 + activeYears, 3, 1), row.ActiveUntil);
        Assert.Equal(new DateOnly(2026 + totalYears, 3, 1), row.InactiveUntil);
        Assert.Equal(final, row.Final);
        Assert.Equal(known, row.Known);
    }

    [Fact]
    public void A_child_without_a_rule_inherits_through_several_levels()
    {
        var scheme = new Dictionary<string, SchemeEntry>
        {
            ["800"] = new("800", null, "Kepegawaian", new RetentionRule(2, 5, "Review")),
            ["800.1"] = new("800.1", "800", "SDM", null),
            ["800.1.11"] = new("800.1.11", "800.1", "Formasi", null),
        };
        Assert.Equal((new RetentionRule(2, 5, "Review"), true), Retention.RuleFor("800.1.11", scheme, new RetentionRule(9, 9, "Review")));
        Assert.Equal((new RetentionRule(2, 5, "Review"), false), Retention.RuleFor("800.1.11.3", scheme, new RetentionRule(9, 9, "Review")));
    }

    [Fact]
    public async Task The_lifecycle_job_moves_exactly_the_due_records_and_a_second_run_changes_nothing()
    {
        var tag = Unique();
        var stay = await f.SendAsync($"000.1.2/{tag}a", "Tetap aktif " + tag, "Isi", classification: "000.1.2");
        var toInactive = await f.SendAsync($"000.1.2/{tag}b", "Menjadi inaktif " + tag, "Isi", classification: "000.1.2");
        var toDue = await f.SendAsync($"000.1.2/{tag}c", "Jatuh tempo " + tag, "Isi", classification: "000.1.2");
        var held = await f.SendAsync($"000.1.2/{tag}d", "Ditahan " + tag, "Isi", classification: "000.1.2");
        // Time passes: shift the retention dates of three records into the past.
        await f.ScalarAsync<int>("update archive.records set active_until = current_date - 1 where letter_id = @toInactive returning 1", new { toInactive });
        await f.ScalarAsync<int>("update archive.records set active_until = current_date - 30, inactive_until = current_date - 1 where letter_id = any(@ids) returning 1",
            new { ids = new[] { toDue, held } });
        await f.ScalarAsync<int>("update archive.records set hold = true, hold_reason = 'perkara' where letter_id = @held returning 1", new { held });
        var job = f.Service.Services.GetRequiredService<LifecycleJob>();

        var first = await job.RunOnceAsync(CancellationToken.None);
        var second = await job.RunOnceAsync(CancellationToken.None);

        async Task<string[]> States(Guid letter) => (await f.QueryAsync<string>("select distinct state from archive.records where letter_id = @letter", new { letter })).ToArray();
        Assert.Equal(["Active"], await States(stay));
        Assert.Equal(["Inactive"], await States(toInactive));
        Assert.Equal(["DueForDisposal"], await States(toDue));
        Assert.Equal(["Active"], await States(held));
        Assert.True(first.Due >= 2 && first.Inactive >= 2, $"moved {first}");
        Assert.Equal((0, 0), second);
        Assert.Equal(2, await f.ScalarAsync<int>(
            "select count(*)::int from archive.outbox where exchange = 'eoffice.record-due-for-disposal' and payload ->> 'letterId' = @id", new { id = toDue.ToString() }));
    }

    [Fact]
    public async Task A_held_record_cannot_be_proposed_or_destroyed_and_an_approved_disposal_keeps_metadata_and_minutes()
    {
        var tag = Unique();
        var destroy = await f.SendAsync($"000.1.2/{tag}x", "Undangan " + tag, "Rapat koordinasi pemusnahan " + tag, classification: "000.1.2", date: new DateOnly(2015, 1, 5));
        var keep = await f.SendAsync($"700.1/{tag}y", "Laporan audit " + tag, "Laporan hasil pengawasan " + tag, classification: "700.1", date: new DateOnly(2012, 1, 5));
        var hold = await f.SendAsync($"000.1.2/{tag}z", "Bukti perkara " + tag, "Barang bukti " + tag, classification: "000.1.2", date: new DateOnly(2015, 1, 5));
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var approver = await f.As(ArchiveFixture.SecondArchivist);
        Guid RecordIn(IEnumerable<JsonElement> items, Guid letter) => items.Single(r => r.GetProperty("letterId").GetGuid() == letter).GetProperty("id").GetGuid();
        var due = (await archivist.GetFromJsonAsync<JsonElement>("/api/retention/due?limit=200")).GetProperty("items").EnumerateArray().ToList();
        var rDestroy = RecordIn(due, destroy);
        var rKeep = RecordIn(due, keep);
        var rHold = RecordIn(due, hold);

        Assert.Equal(HttpStatusCode.OK, (await archivist.PostAsJsonAsync($"/api/records/{rHold}/hold", new { reason = "Perkara 12/Pid/2026" })).StatusCode);
        var withHeld = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = new[] { rDestroy, rHold } });
        Assert.Equal(HttpStatusCode.Conflict, withHeld.StatusCode);

        var proposal = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = new[] { rDestroy, rKeep } });
        Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
        var proposalId = (await Json(proposal)).GetProperty("id").GetGuid();
        // A hold placed after the proposal still blocks the approval.
        Assert.Equal(HttpStatusCode.OK, (await archivist.PostAsJsonAsync($"/api/records/{rDestroy}/hold", new { reason = "Audit BPK" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsync($"/api/disposal-proposals/{proposalId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await archivist.DeleteAsync($"/api/records/{rDestroy}/hold?reason=Audit%20selesai")).StatusCode);

        var approved = await approver.PostAsync($"/api/disposal-proposals/{proposalId}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var minutes = (await Json(approved)).GetProperty("minutes").GetString()!;
        Assert.Contains("BERITA ACARA", minutes, StringComparison.Ordinal);
        Assert.Contains($"000.1.2/{tag}x", minutes, StringComparison.Ordinal);
        Assert.Contains("UU 43/2009", minutes, StringComparison.Ordinal);
        var destroyed = await archivist.GetFromJsonAsync<JsonElement>($"/api/records/{rDestroy}");
        Assert.Equal("Destroyed", destroyed.GetProperty("state").GetString());
        Assert.Equal($"000.1.2/{tag}x", destroyed.GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, destroyed.GetProperty("summary").ValueKind);
        Assert.Null(await f.ScalarAsync<string?>("select body from archive.records where id = @rDestroy", new { rDestroy }));
        Assert.Equal("Permanent", (await archivist.GetFromJsonAsync<JsonElement>($"/api/records/{rKeep}")).GetProperty("state").GetString());
        Assert.DoesNotContain(await SearchAsync(ArchiveFixture.Archivist, "q=pemusnahan%20" + tag), r => r.GetProperty("id").GetGuid() == rDestroy);
        Assert.Equal("DueForDisposal", (await archivist.GetFromJsonAsync<JsonElement>($"/api/records/{rHold}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_proposer_cannot_approve_their_own_disposal_and_the_minutes_name_a_letter_kept_by_two_units_once()
    {
        var tag = Unique();
        var number = $"000.1.2/{tag}m/DISKOMINFO-APTIKA/2015";
        var letter = await f.SendAsync(number, "Undangan " + tag, "Isi " + tag, classification: "000.1.2", date: new DateOnly(2015, 2, 3),
            recipient: "Kepala Bidang Informasi dan Komunikasi Publik");
        var records = await f.QueryAsync<Guid>("select id from archive.records where letter_id = @letter", new { letter });
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var approver = await f.As(ArchiveFixture.SecondArchivist);
        var proposal = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = records });
        Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
        var proposalId = (await Json(proposal)).GetProperty("id").GetGuid();

        var byProposer = await archivist.PostAsync($"/api/disposal-proposals/{proposalId}/approve", null);
        var stillProposed = await approver.GetFromJsonAsync<JsonElement>($"/api/disposal-proposals/{proposalId}");
        var approved = await approver.PostAsync($"/api/disposal-proposals/{proposalId}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, byProposer.StatusCode);
        Assert.Contains("tidak boleh menyetujuinya sendiri", (await Json(byProposer)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Proposed", stillProposed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var minutes = (await Json(approved)).GetProperty("minutes").GetString()!;
        Assert.Single(minutes.Split('\n'), line => line.Contains(number, StringComparison.Ordinal));
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public async Task Destroying_every_record_of_a_letter_purges_their_content_and_announces_the_letter_purged_once()
    {
        var tag = Unique();
        var letter = await f.SendAsync($"000.1.2/{tag}p/DISKOMINFO-APTIKA/2015", "Undangan " + tag, "Anggaran konsumsi rapat " + tag,
            classification: "000.1.2", date: new DateOnly(2015, 2, 3), recipient: "Kepala Bidang Informasi dan Komunikasi Publik");
        var records = await f.QueryAsync<Guid>("select id from archive.records where letter_id = @letter order by id", new { letter });
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var approver = await f.As(ArchiveFixture.SecondArchivist);
        async Task DestroyAsync(Guid record)
        {
            var proposal = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = new[] { record } });
            Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
            var id = (await Json(proposal)).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await approver.PostAsync($"/api/disposal-proposals/{id}/approve", null)).StatusCode);
        }

        Task<int> PurgedEvents() => f.ScalarAsync<int>(
            "select count(*)::int from archive.outbox where exchange = 'eoffice.letter-content-purged' and payload ->> 'letterId' = @id", new { id = letter.ToString() });

        await DestroyAsync(records[0]);
        var afterOne = await PurgedEvents();
        await DestroyAsync(records[1]);

        Assert.Equal(0, afterOne);
        Assert.Equal(1, await PurgedEvents());
        var content = await f.QueryAsync<(string? Summary, string? Body, string State)>(
            "select summary, body, state from archive.records where letter_id = @letter", new { letter });
        Assert.All(content, c => Assert.Equal((null, null, "Destroyed"), c));
        Assert.Empty(await SearchAsync(ArchiveFixture.Archivist, $"q=konsumsi%20{tag}"));
    }

    [Fact]
    public async Task Two_approvals_at_once_that_together_destroy_a_letter_announce_it_purged_exactly_once()
    {
        var tag = Unique();
        var letter = await f.SendAsync($"000.1.2/{tag}c/DISKOMINFO-APTIKA/2015", "Undangan " + tag, "Isi " + tag, classification: "000.1.2",
            date: new DateOnly(2015, 2, 3), recipient: "Kepala Bidang Informasi dan Komunikasi Publik");
        var records = await f.QueryAsync<Guid>("select id from archive.records where letter_id = @letter order by id", new { letter });
        using var archivist = await f.As(ArchiveFixture.Archivist);
        var proposals = new List<Guid>();
        foreach (var record in records)
        {
            var proposal = await archivist.PostAsJsonAsync("/api/disposal-proposals", new { recordIds = new[] { record } });
            proposals.Add((await Json(proposal)).GetProperty("id").GetGuid());
        }

        var approvals = await Task.WhenAll(proposals.Select(async p =>
        {
            using var approver = await f.As(ArchiveFixture.SecondArchivist);
            return (await approver.PostAsync($"/api/disposal-proposals/{p}/approve", null)).StatusCode;
        }));

        Assert.All(approvals, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await f.ScalarAsync<int>(
            "select count(*)::int from archive.outbox where exchange = 'eoffice.letter-content-purged' and payload ->> 'letterId' = @id", new { id = letter.ToString() }));
    }

    [Fact]
    public async Task Search_finds_inflected_forms_numbers_exactly_and_in_part_and_respects_visibility_and_filters()
    {
        var tag = Unique();
        var number = $"800.1.11/4{tag[1..4]}/DISKOMINFO-APTIKA/2026";
        var letter = await f.SendAsync(number, "Rekapitulasi data kepegawaian " + tag, "Laporan kepegawaian triwulan ketiga " + tag);
        var secret = await f.SendAsync($"800.1.11/5{tag[1..4]}/DISKOMINFO-APTIKA/2026", "Rahasia " + tag, "Mutasi pejabat " + tag, security: "Rahasia");

        bool Finds(IEnumerable<JsonElement> items, Guid id) => items.Any(r => r.GetProperty("letterId").GetGuid() == id);
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, $"q=pegawai%20{tag}"), letter), "pegawai finds kepegawaian");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, $"q=melaporkan%20{tag}"), letter), "melaporkan finds laporan");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, "q=" + Uri.EscapeDataString(number)), letter), "the whole number");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, "q=" + Uri.EscapeDataString(number[..12])), letter), "part of the number");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, $"q=%22kepegawaian%20triwulan%20ketiga%22"), letter), "a phrase");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Addressee, $"q=Yusuf%20Maul%20{tag}"), letter), "the signer's name, the surname in part");
        Assert.False(Finds(await SearchAsync(ArchiveFixture.Stranger, $"q={tag}"), letter), "a stranger finds nothing");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Secretariat, $"q={tag}"), letter), "the agency's secretariat finds a Biasa record");
        Assert.False(Finds(await SearchAsync(ArchiveFixture.Secretariat, "q=" + Uri.EscapeDataString($"800.1.11/5{tag[1..4]}")), secret), "but not a secret one");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Archivist, "q=" + Uri.EscapeDataString($"800.1.11/5{tag[1..4]}")), secret),
            "the agency's archivist finds the secret one");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Signer, $"q=mutasi%20{tag}&security=Rahasia"), secret) is false, "secret bodies are not indexed");
        Assert.True(Finds(await SearchAsync(ArchiveFixture.Signer, "q=" + Uri.EscapeDataString($"800.1.11/5{tag[1..4]}") + "&security=Rahasia"), secret),
            "the signer finds the secret one by its number");

        var filtered = await SearchAsync(ArchiveFixture.Archivist, $"q={tag}&classification=800.1&from=2026-11-01&to=2026-11-30&state=Active&unitId={f.SenderUnit}");
        Assert.True(Finds(filtered, letter));
        Assert.Empty(await SearchAsync(ArchiveFixture.Archivist, $"q={tag}&classification=900"));
        Assert.Empty(await SearchAsync(ArchiveFixture.Archivist, $"q={tag}&from=2027-01-01"));
        using var archivist = await f.As(ArchiveFixture.Archivist);
        Assert.Equal(HttpStatusCode.BadRequest, (await archivist.GetAsync("/api/records?security=Sangat")).StatusCode);
    }

    [Fact]
    public async Task Over_many_records_a_search_ranks_exactly_the_200_most_recent_visible_matches()
    {
        // 1,200 records one every 3 days back from 2026-11-30 (ten years), in a unit nobody archives, involving the signer;
        // every 5th holds the phrase and a rarer word (240 in all), the others the same words in another order.
        var tag = Unique();
        await f.ScalarAsync<int>(
            """
            set local search_path = archive;
            insert into records (id, letter_id, unit_id, direction, number, subject, body, names, classification_code, classification_known,
                                 security, letter_date, involved_positions, state, active_until, inactive_until, final_disposition, doc)
            select gen_random_uuid(), gen_random_uuid(), @unit, 'Outgoing', s.number, s.subject, s.body, '', '800.1.11', true,
                   'Biasa', date '2026-11-30' - 3 * g, array[@signer], 'Active', date '2030-01-01', date '2032-01-01', 'Destroy',
                   search_doc(s.subject, null, s.body, '', s.number)
            from generate_series(0, 1199) g
            cross join lateral (
                select 'UJI/' || @tag || '/' || g as number, 'Arsip uji ' || @tag as subject,
                       case when g % 5 = 0 then 'Rapat koordinasi ' || @tag || ' bersama zebra' || @tag else 'Koordinasi rapat ' || @tag end as body
            ) s;
            select 1;
            """,
            new { unit = Guid.NewGuid(), signer = f.Position("Kepala Bidang Aplikasi Informatika"), tag });

        async Task<List<string>> AllPagesAsync(string user, string q)
        {
            using var client = await f.As(user);
            var numbers = new List<string>();
            string? after = null;
            do
            {
                var page = await client.GetFromJsonAsync<JsonElement>(
                    $"/api/records?q={Uri.EscapeDataString(q)}&limit=50" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
                numbers.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("number").GetString()!));
                after = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
            while (after is not null);
            return numbers;
        }

        static List<string> Numbers(string tag, IEnumerable<int> g) => [.. g.Select(i => $"UJI/{tag}/{i}").Order(StringComparer.Ordinal)];
        var phraseWindow = Numbers(tag, Enumerable.Range(0, 200).Select(i => i * 5)); // the 200 most recent of 240 matches
        Assert.Equal(phraseWindow, (await AllPagesAsync(ArchiveFixture.Signer, $"\"rapat koordinasi {tag}\"")).Order(StringComparer.Ordinal));
        Assert.Equal(phraseWindow, (await AllPagesAsync(ArchiveFixture.Signer, "zebra" + tag)).Order(StringComparer.Ordinal));
        Assert.Equal(Numbers(tag, Enumerable.Range(0, 200)), (await AllPagesAsync(ArchiveFixture.Signer, tag)).Order(StringComparer.Ordinal));
        Assert.Empty(await AllPagesAsync(ArchiveFixture.Archivist, "zebra" + tag));
        Assert.Empty(await AllPagesAsync(ArchiveFixture.Stranger, $"\"rapat koordinasi {tag}\""));
    }

    [Fact]
    public async Task Classifications_are_a_tree_edited_by_archivists_only()
    {
        using var archivist = await f.As(ArchiveFixture.Archivist);
        using var staff = await f.As(ArchiveFixture.Stranger);

        var tree = await archivist.GetFromJsonAsync<JsonElement>("/api/classifications");
        var byStaff = await staff.PostAsJsonAsync("/api/classifications", new { code = "000.7", parentCode = "000", title = "Uji" });
        var created = await archivist.PostAsJsonAsync("/api/classifications", new { code = "000.8", parentCode = "000", title = "Uji arsiparis" });
        var halfRule = await archivist.PostAsJsonAsync("/api/classifications", new { code = "000.6", parentCode = "000", title = "Setengah", activeYears = 1 });

        Assert.Equal(10, tree.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, halfRule.StatusCode);
    }
}
