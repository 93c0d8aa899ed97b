namespace EOffice.Testing;

/// <summary>Waiting for something asynchronous (a message, a relay) to have happened.</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds or the time runs out (then fails with <paramref name="what"/>).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }
}
