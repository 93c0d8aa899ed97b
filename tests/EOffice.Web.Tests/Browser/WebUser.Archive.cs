using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>The archive screens as a user drives them.</summary>
public sealed partial class WebUser
{
    /// <summary>
    /// Searches the archive for <paramref name="query"/> until a result containing <paramref name="token"/> shows (a sent
    /// letter is archived from an event, so it may take a moment), and opens it.
    /// </summary>
    public async Task OpenArchivedAsync(string query, string token)
    {
        var found = Page.Locator(".eo-record").Filter(new() { HasText = token });
        for (var attempt = 0; attempt < 15 && await found.CountAsync() == 0; attempt++)
        {
            await Page.GotoAsync($"/arsip?q={Uri.EscapeDataString(query)}");
            await Page.Locator(".eo-record").Or(Page.GetByText("Tidak ada arsip")).First.WaitForAsync();
        }

        await Expect.Visible(found);
        await ShotAsync("arsip-cari");
        await found.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect.Visible(Page.Locator("#record-retention").GetByText("Aktif sampai"));
    }

    /// <summary>The field of the open dialog labelled <paramref name="label"/>.</summary>
    public ILocator DialogField(string label) => Page.GetByRole(AriaRole.Dialog).GetByLabel(label, new() { Exact = true });
}
