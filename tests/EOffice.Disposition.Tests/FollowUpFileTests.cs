using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EOffice.Disposition.Tests;

/// <summary>Follow-ups with files: multipart upload, the shared file rules and limits, and who may download.</summary>
public sealed class FollowUpFileTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent Form(string? note, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }

        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    private async Task<(Guid Letter, Guid Disposition)> DisposedToDivisionAsync()
    {
        var letter = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var agency = await f.As(DispositionFixture.AgencyHead);
        var response = await agency.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { to = new[] { f.DivisionHeadPosition }, instructions = new[] { "Untuk ditindaklanjuti" }, note = "Mohon ditindaklanjuti" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (letter, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    private async Task<int> FollowUpCountAsync(Guid disposition) =>
        (await f.QueryAsync<int>("select count(*)::int from disposition.follow_ups where disposition_id = @disposition", new { disposition })).Single();

    [Fact]
    public async Task The_assignee_reports_with_a_file_and_whoever_sees_the_disposition_downloads_it_others_get_404()
    {
        var (_, id) = await DisposedToDivisionAsync();
        using var division = await f.As(DispositionFixture.DivisionHead);
        var response = await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Laporan hasil rapat terlampir", ("laporan.pdf", Pdf)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        var followUp = Assert.Single(view.GetProperty("followUps").EnumerateArray());
        Assert.Equal("Laporan hasil rapat terlampir", followUp.GetProperty("note").GetString());
        var file = Assert.Single(followUp.GetProperty("files").EnumerateArray());
        Assert.Equal("laporan.pdf", file.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        Assert.Equal(Pdf.Length, file.GetProperty("size").GetInt64());
        var fileId = file.GetProperty("id").GetGuid();

        // The sender (head) sees the disposition, so downloads the file; the bytes are what was sent.
        using var agency = await f.As(DispositionFixture.AgencyHead);
        var download = await agency.GetAsync($"/api/dispositions/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("laporan.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        var tree = await agency.GetFromJsonAsync<JsonElement>($"/api/dispositions/{id}");
        Assert.Equal(fileId, tree.GetProperty("followUps")[0].GetProperty("files")[0].GetProperty("id").GetGuid());

        // Someone off the branch: 404 for the file as for the disposition, and for a file id that is not this disposition's.
        using var other = await f.As(DispositionFixture.OtherDivisionHead);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/dispositions/{id}/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/api/dispositions/{id}/files/{Guid.NewGuid()}")).StatusCode);
        var (_, elsewhere) = await DisposedToDivisionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/api/dispositions/{elsewhere}/files/{fileId}")).StatusCode);

        // Nor may someone off the branch report on it (with or without files).
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Bukan milik saya", ("x.pdf", Pdf)))).StatusCode);
        Assert.Equal(1, await FollowUpCountAsync(id));
    }

    [Fact]
    public async Task Bad_input_is_a_400_or_415_naming_the_problem_and_changes_nothing()
    {
        var (_, id) = await DisposedToDivisionAsync();
        using var division = await f.As(DispositionFixture.DivisionHead);

        // No note.
        var noNote = await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form(null, ("laporan.pdf", Pdf)));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.True((await noNote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("note", out _));

        // An empty file.
        var empty = await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Kosong", ("kosong.pdf", [])));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("files", out _));

        // Too many files.
        var many = await division.PostAsync($"/api/dispositions/{id}/follow-ups",
            Form("Banyak", ("a.pdf", Pdf), ("b.pdf", Pdf), ("c.pdf", Pdf), ("d.pdf", Pdf)));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.True((await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("files", out _));

        // Content that is not an allowed type, and a name that lies about its content.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Skrip", ("run.pdf", Encoding.ASCII.GetBytes("#!/bin/sh\necho hi\n"))))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Nama salah", ("foto.png", Pdf)))).StatusCode);

        // Over the size limit.
        var big = new byte[DispositionFixture.MaxFileBytes + 1];
        Pdf.CopyTo(big, 0);
        var tooLarge = await division.PostAsync($"/api/dispositions/{id}/follow-ups", Form("Besar", ("besar.pdf", big)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        // Malformed JSON.
        var json = await division.PostAsync($"/api/dispositions/{id}/follow-ups", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        Assert.Equal(0, await FollowUpCountAsync(id));
        Assert.Empty(await f.QueryAsync<Guid>("select id from disposition.follow_up_files where disposition_id = @id", new { id }));

        // The JSON form still works as before.
        Assert.Equal(HttpStatusCode.Created, (await division.PostAsJsonAsync($"/api/dispositions/{id}/follow-ups", new { note = "Tanpa berkas" })).StatusCode);
        Assert.Equal(1, await FollowUpCountAsync(id));
    }
}
