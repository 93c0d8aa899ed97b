using System.Buffers.Text;
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

    /// <summary>Decodes a cursor into its parts; a malformed one is a 400 on <c>after</c>.</summary>
    public static string[]? Decode(string? after, int parts)
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

        throw ProblemException.Invalid("after", "Not a cursor from this list.");
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
