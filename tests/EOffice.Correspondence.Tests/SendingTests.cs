using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>
/// Sending writes every recipient's rows at once: what each addressee gets (a unit reaches its head, a position reached
/// twice gets one entry), the timeline and the events in the order of the addressees.
/// </summary>
public sealed class SendingTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string Kadis = "Kepala Dinas Kependudukan dan Pencatatan Sipil";
    private const string Kabid = "Kepala Bidang Pelayanan Pendaftaran Penduduk";
    private const string Sekdis = "Sekretaris Dinas Kependudukan dan Pencatatan Sipil";

    [Fact]
    public async Task A_letter_to_units_positions_and_an_institution_reaches_each_position_once_in_the_order_of_its_addressees()
    {
        // To: a unit (its head is the Kabid), the Kadis and an institution; cc: the Kadis again, the Kadis's own unit
        // (whose head is the Kadis) and the Sekdis.
        var id = await f.CreateAsync(new
        {
            type = "Surat Dinas",
            subject = "Undangan rapat koordinasi kota cerdas",
            summary = "Rapat koordinasi pelaksanaan SPBE",
            body = "Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi.",
            classificationCode = "000.1.2",
            security = "Biasa",
            urgency = "Segera",
            to = new object[]
            {
                new { unitId = f.Units["DISDUKCAPIL-DAFDUK"] },
                new { positionId = f.Position(Kadis) },
                new { external = new { name = "PT Kota Cerdas Nusantara", address = "Jl. Juanda No. 1, Depok", email = (string?)null } },
            },
            cc = new object[]
            {
                new { positionId = f.Position(Kadis) },
                new { unitId = f.Units["DISDUKCAPIL"] },
                new { positionId = f.Position(Sekdis) },
            },
            reviewers = Array.Empty<Guid>(),
            signerPositionId = f.Position("Kepala Bidang Aplikasi Informatika"),
        });
        await f.SendAsync(id, withReview: false);

        var delivered = await f.QueryAsync<(Guid? Target, bool Cc, bool Delivered)>(
            "select target_position_id, cc, delivered_at is not null from correspondence.letter_recipients where letter_id = @id order by ordinal", new { id });
        Assert.Equal(
            [(f.Position(Kabid), false, true), (f.Position(Kadis), false, true), (null, false, false), (null, true, false), (null, true, false), (f.Position(Sekdis), true, true)],
            delivered);

        using var signer = await f.As(CorrespondenceFixture.Signer);
        var timeline = (await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline")).GetProperty("items").EnumerateArray().ToList();
        var afterSigning = timeline.SkipWhile(e => e.GetProperty("action").GetString() != "sent").ToList();
        Assert.Equal(["sent", "delivered", "delivered", "delivered", "dispatch-queued"], afterSigning.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal([Kabid, Kadis, Sekdis], afterSigning.Skip(1).Take(3).Select(e => e.GetProperty("detail").GetProperty("to").GetString()));
        Assert.Equal("PT Kota Cerdas Nusantara", afterSigning[4].GetProperty("detail").GetProperty("to").GetString());
        Assert.Equal(1, await f.ScalarAsync<int>("select count(*)::int from correspondence.letter_dispatches where letter_id = @id", new { id }));

        // The events in the order the relay publishes them: one LetterReceived per position, then LetterSent, then the content.
        var events = await f.QueryAsync<(string Exchange, string? Position, string? Cc)>(
            """
            select exchange, payload ->> 'recipientPositionId', payload ->> 'cc' from correspondence.outbox
            where payload ->> 'letterId' = @id and exchange in ('eoffice.letter-received', 'eoffice.letter-sent', 'eoffice.internal.letter-content')
            order by seq
            """, new { id = id.ToString() });
        Assert.Equal(
            [
                ("eoffice.letter-received", f.Position(Kabid).ToString(), "false"),
                ("eoffice.letter-received", f.Position(Kadis).ToString(), "false"),
                ("eoffice.letter-received", f.Position(Sekdis).ToString(), "true"),
                ("eoffice.letter-sent", null, null),
                ("eoffice.internal.letter-content", null, null),
            ],
            events);
    }
}
