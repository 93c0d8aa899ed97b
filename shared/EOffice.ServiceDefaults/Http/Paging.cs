using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace EOffice.ServiceDefaults.Http;

/// <summary>One page of a keyset-paginated list: <c>{ items, next }</c>; <c>next</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Keyset pagination: <c>?limit=50&amp;after=&lt;cursor&gt;</c>. A cursor is the sort key of the
/// last item, opaque to clients (base64url of its parts).
/// </summary>
public static class Paging
{
    /// <summary>Default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 200;

    /// <summary>The page size to use: <paramref name="limit"/> clamped to 1..<see cref="MaxLimit"/>.</summary>
    public static int Limit(int? limit)
    {
        if (limit is < 1)
        {
            throw ProblemException.Invalid("limit", $"Must be between 1 and {MaxLimit}.");
        }

        return Math.Min(limit ?? DefaultLimit, MaxLimit);
    }

    /// <summary>Encodes the sort key parts of the last item.</summary>
    public static string Encode(params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));

    /// <summary>
    /// Reads a cursor (<c>after</c>) into its typed parts; null when there is none. A cursor that is not
    /// one of this list's — wrong encoding, wrong number of parts, a part of the wrong type — is a 400
    /// on <c>after</c>, never a 500.
    /// </summary>
    public static Cursor? Read(string? after, int parts) => Decode(after, parts) is { } decoded ? new Cursor(decoded) : null;

    // The parts of a cursor as text; a malformed one is a 400 on after.
    private static string[]? Decode(string? after, int parts)
    {
        if (string.IsNullOrEmpty(after))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(after)).Split('\u001f');
            if (decoded.Length == parts)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }

        throw Cursor.NotOurs();
    }

    /// <summary>
    /// Builds a page from <paramref name="rows"/> fetched with <c>limit + 1</c>: the extra row only
    /// says another page exists.
    /// </summary>
    public static Page<T> Build<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        return new Page<T>(items, cursorOf(items[^1]));
    }
}

/// <summary>The parts of a decoded paging cursor, each read as the type the list sorts by (400 on <c>after</c> otherwise).</summary>
public sealed class Cursor(IReadOnlyList<string> parts)
{
    /// <summary>A part as text.</summary>
    public string Text(int i) => parts[i];

    /// <summary>A part as an id.</summary>
    public Guid Id(int i) => Guid.TryParse(parts[i], CultureInfo.InvariantCulture, out var id) ? id : throw NotOurs();

    /// <summary>A part as a whole number.</summary>
    public long Int64(int i) => long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw NotOurs();

    /// <summary>A part as a UTC instant written as its ticks.</summary>
    public DateTimeOffset UtcTicks(int i) =>
        Int64(i) is var t && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(t, TimeSpan.Zero) : throw NotOurs();

    /// <summary>A part as a date (ISO 8601).</summary>
    public DateOnly Date(int i) =>
        DateOnly.TryParseExact(parts[i], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        || DateOnly.TryParseExact(parts[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)
            ? d
            : throw NotOurs();

    /// <summary>A part as a finite number.</summary>
    public double Number(int i) =>
        double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : throw NotOurs();

    internal static ProblemException NotOurs() => ProblemException.Invalid("after", "Not a cursor from this list.");
}
