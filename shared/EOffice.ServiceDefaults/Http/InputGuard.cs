using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// Refuses text that no service can store, where it enters: a NUL character (PostgreSQL refuses it in
/// text) in any JSON string, query value or path. The caller gets a 400 naming the field; nothing
/// reaches a store. The database's own refusal stays mapped to 400 as a safety net.
/// </summary>
public static class InputGuard
{
    /// <summary>What the caller is told.</summary>
    public const string NulMessage = "Text may not contain NUL (\\u0000) characters.";

    /// <summary>Whether a text can be stored as it is.</summary>
    public static bool IsStorable(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal);

    /// <summary>Refuses a query value or path with a NUL in it (400 naming the parameter).</summary>
    internal static void UseInputGuard(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (!IsStorable(context.Request.Path.Value))
            {
                throw ProblemException.Invalid("path", NulMessage);
            }

            foreach (var (key, values) in context.Request.Query)
            {
                if (!IsStorable(key) || values.Any(v => !IsStorable(v)))
                {
                    throw ProblemException.Invalid(IsStorable(key) ? key : "query", NulMessage);
                }
            }

            await next(context);
        });
}

/// <summary>Reads every JSON string of a request body, refusing one with a NUL in it (the path names the field).</summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A text value was expected.");
        }

        var value = reader.GetString();
        return InputGuard.IsStorable(value) ? value : throw new UnstorableTextException();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <inheritdoc />
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString()!;
        return InputGuard.IsStorable(value) ? value : throw new UnstorableTextException();
    }

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>
/// A JSON value that is well-formed but not acceptable, thrown by a converter with words for the caller:
/// the 400 names the field (from the JSON path) and says this message.
/// </summary>
public class FieldJsonException(string message) : JsonException(message);

/// <summary>A JSON string the platform cannot store (a NUL in it).</summary>
public sealed class UnstorableTextException() : FieldJsonException(InputGuard.NulMessage);
