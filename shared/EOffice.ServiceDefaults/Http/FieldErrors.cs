namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// Collects field errors of a request, then throws them as one 400 problem. Rules stay plain C#:
/// <c>var errors = new FieldErrors(); errors.Required("username", req.Username); errors.ThrowIfAny();</c>
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any error was recorded.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Records an error on a field.</summary>
    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>Records an error when the condition is false.</summary>
    public FieldErrors Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    /// <summary>A required, non-blank text no longer than <paramref name="maxLength"/>.</summary>
    public FieldErrors Required(string field, string? value, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        return Check(value.Length <= maxLength, field, $"At most {maxLength} characters.");
    }

    /// <summary>A non-empty id.</summary>
    public FieldErrors Required(string field, Guid? value) =>
        Check(value is { } v && v != Guid.Empty, field, "Required.");

    /// <summary>Throws a 400 <see cref="ProblemException"/> carrying every error, if there are any.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ProblemException(400, "validation", "One or more fields are invalid.",
                string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
                _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
