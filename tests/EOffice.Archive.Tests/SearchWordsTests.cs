using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Archive.Tests;

/// <summary>
/// Words typed in part: the query names the vocabulary's words that begin with them (migration 0009), and keeps a
/// prefix term when there are more than 32, so no word is left out either way.
/// </summary>
public sealed class SearchWordsTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    /// <summary>A word of letters only (digits would make it a number, which is never matched in part).</summary>
    private static string Word() => string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private async Task<List<string>> NumbersFoundAsync(string user, string q)
    {
        using var client = await f.As(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/records?limit=100&q=" + Uri.EscapeDataString(q));
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("number").GetString()!).Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_word_typed_in_part_finds_every_word_it_begins_however_many_there_are()
    {
        // 40 records, each with its own word beginning with the stem: more than a query names one by one.
        var stem = Word();
        string Suffix(int g) => string.Concat(g.ToString("00", System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('a' + c - '0')));
        await f.ScalarAsync<int>(
            """
            set local search_path = archive;
            insert into records (id, letter_id, unit_id, direction, number, subject, body, names, classification_code, classification_known,
                                 security, letter_date, involved_positions, state, active_until, inactive_until, final_disposition, doc)
            select gen_random_uuid(), gen_random_uuid(), @unit, 'Outgoing', 'KATA/' || g, 'Arsip kata', w.body, '', '800.1.11', true,
                   'Biasa', date '2026-11-30' - g::int, array[@signer], 'Active', date '2030-01-01', date '2032-01-01', 'Destroy',
                   search_doc('Arsip kata', null, w.body, '', 'KATA/' || g)
            from unnest(@suffixes) with ordinality as s(suffix, g)
            cross join lateral (select 'Lampiran ' || @stem || s.suffix as body) w;
            select 1;
            """,
            new { unit = Guid.NewGuid(), signer = f.Position("Kepala Bidang Aplikasi Informatika"), stem, suffixes = Enumerable.Range(0, 40).Select(Suffix).ToArray() });

        static List<string> Numbers(IEnumerable<int> g) => [.. g.Select(i => $"KATA/{i}").Order(StringComparer.Ordinal)];
        Assert.Equal(Numbers(Enumerable.Range(1, 40)), await NumbersFoundAsync(ArchiveFixture.Signer, stem));
        // "<stem>b" begins the words of suffixes 10-19 only: named one by one.
        Assert.Equal(Numbers(Enumerable.Range(11, 10)), await NumbersFoundAsync(ArchiveFixture.Signer, stem + "b"));
        Assert.Equal(Numbers([12]), await NumbersFoundAsync(ArchiveFixture.Signer, "lampiran " + stem + "bb"));
        Assert.Empty(await NumbersFoundAsync(ArchiveFixture.Signer, stem + "z"));
        Assert.Empty(await NumbersFoundAsync(ArchiveFixture.Stranger, stem));
    }

    [Fact]
    public async Task A_word_that_arrives_with_the_letters_text_after_filing_is_found_in_part()
    {
        var word = Word();
        var id = await f.SendAsync("800/" + Random.Shared.Next(1000, 9999) + "/DISKOMINFO/2026", "Laporan susulan", $"Isi laporan dengan kata {word}.",
            textFirst: false);

        using var client = await f.As(ArchiveFixture.Addressee);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/records?q=" + word[..6]);

        Assert.Equal([id], page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("letterId").GetGuid()).Distinct());
    }
}
