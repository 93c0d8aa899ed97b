using System.Collections.Concurrent;
using EOffice.ServiceDefaults.Data;
using Npgsql;

namespace EOffice.Notification.Live;

/// <summary>
/// Listens on Postgres (<c>LISTEN eoffice_notifications</c>) and wakes the live streams of the user a
/// notification is for. Every replica listens, so a notification created by one reaches a browser
/// connected to another. A lost connection is re-established and wakes every stream to catch up.
/// </summary>
public sealed partial class NotificationHub(Db db, ILogger<NotificationHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _subscribers = new();

    /// <summary>Subscribes to a user's wake-ups; dispose to stop.</summary>
    public Subscription Subscribe(Guid userId)
    {
        var subscription = new Subscription(this, userId);
        _subscribers.GetOrAdd(userId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var user))
                    {
                        Wake(user);
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {Fanout.EventFanout.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                WakeAll(); // anything created while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLost(logger, ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake(Guid user)
    {
        if (_subscribers.TryGetValue(user, out var subscriptions))
        {
            foreach (var s in subscriptions.Keys)
            {
                s.Signal();
            }
        }
    }

    private void WakeAll()
    {
        foreach (var user in _subscribers.Keys)
        {
            Wake(user);
        }
    }

    private void Remove(Subscription s)
    {
        if (_subscribers.TryGetValue(s.UserId, out var subscriptions))
        {
            subscriptions.TryRemove(s, out _);
        }
    }

    /// <summary>One open stream's wake-up signal.</summary>
    public sealed class Subscription(NotificationHub hub, Guid userId) : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);

        /// <summary>The user.</summary>
        public Guid UserId { get; } = userId;

        /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

        /// <inheritdoc />
        public void Dispose()
        {
            hub.Remove(this);
            _signal.Dispose();
        }

        internal void Signal()
        {
            try
            {
                if (_signal.CurrentCount == 0)
                {
                    _signal.Release();
                }
            }
            catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
            {
                // already signalled, or the stream just closed
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification listener lost its connection ({Message}); reconnecting")]
    private static partial void LogLost(ILogger logger, string message);
}
