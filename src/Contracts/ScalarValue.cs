using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

/// <summary>What a JSON scalar held.</summary>
public enum ScalarKind : byte
{
    Missing,
    Number,
    Text,
}

/// <summary>
/// A feature value, prediction or label: a number, a string, or missing (JSON null).
/// Booleans are kept as the strings "true" and "false": they are categories.
/// </summary>
[JsonConverter(typeof(ScalarValueJsonConverter))]
public readonly record struct ScalarValue
{
    public ScalarKind Kind { get; init; }
    public double Number { get; init; }
    public string? Text { get; init; }

    public static ScalarValue Missing => default;
    public static ScalarValue Of(double number) => new() { Kind = ScalarKind.Number, Number = number };
    /// <summary>A text value; a null string is a missing value, never a text without text.</summary>
    public static ScalarValue Of(string? text) => text is null ? Missing : new() { Kind = ScalarKind.Text, Text = text };

    public static implicit operator ScalarValue(double number) => Of(number);
    public static implicit operator ScalarValue(string? text) => Of(text);

    /// <summary>Classes compare by value: a class sent as 1 by one producer and "1" by another is the same class.</summary>
    public bool IsSameClassAs(ScalarValue other) => (Kind, other.Kind) switch
    {
        (ScalarKind.Text, ScalarKind.Text) => string.Equals(Text, other.Text, StringComparison.Ordinal),
        (ScalarKind.Number, ScalarKind.Number) => Number.Equals(other.Number),
        _ => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal),
    };

    public override string ToString() => Kind switch
    {
        ScalarKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Text => Text!,
        _ => "null",
    };
}

/// <summary>Reads and writes <see cref="ScalarValue"/> as a bare JSON number, string, boolean or null.</summary>
public sealed class ScalarValueJsonConverter : JsonConverter<ScalarValue>
{
    public override bool HandleNull => true;

    public override ScalarValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => ScalarValue.Of(reader.GetDouble()),
            JsonTokenType.String => ScalarValue.Of(reader.GetString()!),
            JsonTokenType.True => ScalarValue.Of("true"),
            JsonTokenType.False => ScalarValue.Of("false"),
            JsonTokenType.Null => ScalarValue.Missing,
            _ => throw new JsonException("expected a number, a string or null"),
        };

    public override void Write(Utf8JsonWriter writer, ScalarValue value, JsonSerializerOptions options)
    {
        switch (value.Kind)
        {
            case ScalarKind.Number: writer.WriteNumberValue(value.Number); break;
            case ScalarKind.Text: writer.WriteStringValue(value.Text); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
