using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Disposition.Tests;

/// <summary>The disposition instructions, a reference list: read by everyone signed in, kept by admins.</summary>
public sealed class InstructionTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private const string Admin = "admin@eoffice.local";

    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement?> FindAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/disposition-instructions")).GetProperty("items").EnumerateArray()
            .Select(i => (JsonElement?)i).FirstOrDefault(i => i!.Value.GetProperty("code").GetString() == code);

    [Fact]
    public async Task An_admin_adds_and_retires_an_instruction_and_staff_read_it_but_may_not_change_it()
    {
        using var admin = await f.As(Admin);
        using var staff = await f.As(DispositionFixture.Staff);
        var code = $"Hadiri {Guid.NewGuid():N}"[..20];

        var created = await admin.PostAsJsonAsync("/api/disposition-instructions", new { code, text = "Mohon hadir mewakili", sortOrder = 55 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/disposition-instructions/{Uri.EscapeDataString(code)}", created.Headers.Location?.OriginalString);
        Assert.Equal("Mohon hadir mewakili", (await Json(created)).GetProperty("text").GetString());

        var listed = await FindAsync(staff, code);
        Assert.NotNull(listed);
        Assert.True(listed.Value.GetProperty("active").GetBoolean());
        Assert.Equal(55, listed.Value.GetProperty("sortOrder").GetInt32());

        var retired = await admin.PutAsJsonAsync($"/api/disposition-instructions/{Uri.EscapeDataString(code)}", new { text = "Mohon hadir", active = false });
        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        var after = (await FindAsync(staff, code))!.Value;
        Assert.False(after.GetProperty("active").GetBoolean());
        Assert.Equal("Mohon hadir", after.GetProperty("text").GetString());
        Assert.Equal(55, after.GetProperty("sortOrder").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/disposition-instructions", new { code = "Staf", text = "Tidak boleh" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await staff.PutAsJsonAsync($"/api/disposition-instructions/{Uri.EscapeDataString(code)}", new { text = "Diubah staf" })).StatusCode);
        Assert.Equal("Mohon hadir", (await FindAsync(staff, code))!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_a_duplicate_a_409_and_an_unknown_code_a_404()
    {
        using var admin = await f.As(Admin);

        var noText = await admin.PostAsJsonAsync("/api/disposition-instructions", new { code = "Tanpa teks" });
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.True((await Json(noText)).GetProperty("errors").TryGetProperty("text", out _));
        Assert.Null(await FindAsync(admin, "Tanpa teks"));

        var noCode = await admin.PostAsJsonAsync("/api/disposition-instructions", new { text = "Tanpa kode" });
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.True((await Json(noCode)).GetProperty("errors").TryGetProperty("code", out _));

        var code = $"Dobel {Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/disposition-instructions", new { code, text = "Pertama" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/disposition-instructions", new { code, text = "Kedua" })).StatusCode);
        Assert.Equal("Pertama", (await FindAsync(admin, code))!.Value.GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PutAsJsonAsync("/api/disposition-instructions/Tidak%20ada", new { text = "Tidak ada" })).StatusCode);
        var emptyText = await admin.PutAsJsonAsync($"/api/disposition-instructions/{Uri.EscapeDataString(code)}", new { text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, emptyText.StatusCode);
        Assert.True((await Json(emptyText)).GetProperty("errors").TryGetProperty("text", out _));
    }
}
