using Microsoft.JSInterop;

namespace EOffice.Web.Services;

/// <summary>Files of the API fetched with the app's client (so they carry the anti-forgery header), shown as object URLs.</summary>
public sealed class Files(Api api, IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private readonly List<string> _urls = [];

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/eoffice.js");

    /// <summary>An object URL of the file at <paramref name="url"/>.</summary>
    public async Task<string> ObjectUrlAsync(string url, string contentType)
    {
        using var response = await api.Http.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(await Api.ReadProblemAsync(response, default));
        }

        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reference = new DotNetStreamReference(stream);
        var module = await ModuleAsync();
        var objectUrl = await module.InvokeAsync<string>("objectUrl", reference, contentType);
        _urls.Add(objectUrl);
        return objectUrl;
    }

    /// <summary>Downloads the file at <paramref name="url"/> under <paramref name="fileName"/>.</summary>
    public async Task DownloadAsync(string url, string fileName, string contentType)
    {
        var objectUrl = await ObjectUrlAsync(url, contentType);
        await (await ModuleAsync()).InvokeVoidAsync("saveAs", objectUrl, fileName);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                foreach (var u in _urls)
                {
                    await _module.InvokeVoidAsync("revoke", u);
                }

                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // page gone
            }
        }
    }
}
