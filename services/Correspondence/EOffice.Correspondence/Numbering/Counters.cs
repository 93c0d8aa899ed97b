using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Numbering;

/// <summary>
/// Gapless counters: the next value of a scope is taken under the row's lock, inside the caller's
/// transaction, so a rolled-back signing gives its number back and concurrent signings queue.
/// </summary>
public static class Counters
{
    /// <summary>The next number of a scope (1 for a new scope).</summary>
    public static async Task<int> NextAsync(UnitOfWork uow, string scope)
    {
        await uow.ExecuteAsync("insert into numbering_counters (scope, last_value) values (@scope, 0) on conflict do nothing", new { scope });
        return await uow.ExecuteScalarAsync<int>(
            "update numbering_counters set last_value = last_value + 1 where scope = @scope returning last_value", new { scope });
    }

    /// <summary>The format of a unit (its own, or the default).</summary>
    public static async Task<string> FormatOfAsync(UnitOfWork uow, Guid unitId) =>
        await uow.ExecuteScalarAsync<string>("select format from numbering_formats where unit_id = @unitId", new { unitId }) ?? NumberFormat.Default;
}
