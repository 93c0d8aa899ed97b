using System.Text.Json;
using Microsoft.JSInterop;

namespace EOffice.Web.Services;

/// <summary>Unread count, latest notifications and the live stream (EventSource through wwwroot/js/eoffice.js).</summary>
public sealed class Notifications(Api api, IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<Notifications>? _self;

    /// <summary>Unread notifications.</summary>
    public int UnreadCount { get; private set; }

    /// <summary>The latest notifications.</summary>
    public IReadOnlyList<NotificationItem> Latest { get; private set; } = [];

    /// <summary>Whether the browser is online.</summary>
    public bool Online { get; private set; } = true;

    /// <summary>Something changed (count, list, online).</summary>
    public event Action? Changed;

    /// <summary>A live notification arrived.</summary>
    public event Action<NotificationItem>? Received;

    /// <summary>The online state changed.</summary>
    public event Action<bool>? OnlineChanged;

    /// <summary>Loads the count and list and starts the stream and the online watch.</summary>
    public async Task StartAsync()
    {
        await RefreshAsync();
        try
        {
            if (_module is null)
            {
                _module = await js.InvokeAsync<IJSObjectReference?>("import", "./js/eoffice.js");
                if (_module is null)
                {
                    return;
                }

                _self = DotNetObjectReference.Create(this);
                Online = await _module.InvokeAsync<bool>("watchOnline", _self);
            }

            // (Re)starts the stream: after a new sign-in the old one may have ended on a 401.
            await _module.InvokeVoidAsync("startStream", _self, "/api/notifications/stream");
        }
        catch (JSException)
        {
            // no stream: the bell still works on refresh
        }
    }

    /// <summary>Reloads the count and the latest notifications.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            UnreadCount = (await api.GetAsync<UnreadCount>("/api/notifications/unread-count")).Count;
            Latest = (await api.GetAsync<Page<NotificationItem>>("/api/notifications?limit=10")).Items;
        }
        catch (ApiException)
        {
            // shown as it was
        }

        Changed?.Invoke();
    }

    /// <summary>Marks one read.</summary>
    public async Task MarkReadAsync(NotificationItem n)
    {
        if (n.ReadAt is null)
        {
            await api.PostAsync($"/api/notifications/{n.Id}/read");
            await RefreshAsync();
        }
    }

    /// <summary>Marks all read.</summary>
    public async Task MarkAllReadAsync()
    {
        await api.PostAsync("/api/notifications/read-all");
        await RefreshAsync();
    }

    /// <summary>Called by the stream for each event.</summary>
    [JSInvokable]
    public async Task OnNotification(string json)
    {
        NotificationItem? n = null;
        try
        {
            n = JsonSerializer.Deserialize<NotificationItem>(json, Api.Json);
        }
        catch (JsonException)
        {
            // ignore a malformed event
        }

        UnreadCount++;
        Changed?.Invoke();
        if (n is not null)
        {
            Received?.Invoke(n);
        }

        await RefreshAsync();
    }

    /// <summary>Called on window online/offline.</summary>
    [JSInvokable]
    public void OnOnlineChanged(bool online)
    {
        Online = online;
        OnlineChanged?.Invoke(online);
        Changed?.Invoke();
    }

    /// <summary>The app route of an API link (<c>/letters/{id}</c> → <c>/surat/{id}</c>).</summary>
    public static string? Route(string? link)
    {
        if (link is null)
        {
            return null;
        }

        if (link.StartsWith("/letters/", StringComparison.Ordinal))
        {
            return "/surat/" + link["/letters/".Length..];
        }

        if (link.StartsWith("/dispositions/", StringComparison.Ordinal))
        {
            return "/disposisi/" + link["/dispositions/".Length..];
        }

        return ReturnUrl.Sanitize(link);
    }

    /// <summary>Stops the stream.</summary>
    public async Task StopAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stopStream");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // page gone
            }

            _module = null;
        }

        _self?.Dispose();
        _self = null;
        UnreadCount = 0;
        Latest = [];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
