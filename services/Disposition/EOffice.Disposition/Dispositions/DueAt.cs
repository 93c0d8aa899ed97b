using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>
/// Reads a due date as people write it: a date alone (<c>2026-12-30</c>) is the end of that day in the
/// city (WIB); a time with any UTC offset is that instant; a time without an offset is city time.
/// </summary>
public sealed class DueAtJsonConverter : JsonConverter<DateTimeOffset?>
{
    private const string Expected = "A date (2026-12-30) or a time with its offset (2026-12-30T16:00:00+07:00).";

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FieldJsonException(Expected);
        }

        return DispositionRules.ParseDue(reader.GetString()!)
            ?? throw new FieldJsonException(Expected);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
