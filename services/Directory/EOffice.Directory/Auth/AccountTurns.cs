namespace EOffice.Directory.Auth;

/// <summary>
/// One password check at a time per account in this replica, waiting in memory. A burst on one account (a
/// guessing script, or a head signing fifty letters at once) queues here rather than each request holding a
/// database connection while it waits for the account's advisory lock: that drained the pool, and everyone
/// else's sign-in then failed with 503. The advisory lock still orders the checks of different replicas.
/// </summary>
public sealed class AccountTurns
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for the account's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> WaitAsync(string key, CancellationToken ct)
    {
        Turn turn;
        lock (_turns)
        {
            if (!_turns.TryGetValue(key, out turn!))
            {
                turn = _turns[key] = new Turn();
            }

            turn.Waiting++;
        }

        try
        {
            await turn.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, turn, held: false);
            throw;
        }

        return new Held(this, key, turn);
    }

    private void Leave(string key, Turn turn, bool held)
    {
        lock (_turns)
        {
            if (held)
            {
                turn.Gate.Release();
            }

            if (--turn.Waiting == 0)
            {
                _turns.Remove(key);
                turn.Gate.Dispose();
            }
        }
    }

    private sealed class Turn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Waiting { get; set; }
    }

    private sealed class Held(AccountTurns owner, string key, Turn turn) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(key, turn, held: true);
            }
        }
    }
}
