using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ModelOps.Api.Errors;

/// <summary>
/// Reading a request body, the wire's types mean what the document says: an enum is one of its names (never its
/// number: <c>"task": 1</c> is not <c>regression</c>), and a number fits a double (<c>1e999</c> is refused, where
/// the parser would make it infinity, which nothing can store or write back).
/// </summary>
internal static class StrictJson
{
    private static readonly JsonStringEnumConverter Names = new(namingPolicy: null, allowIntegerValues: false);

    public static void Apply(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var underlying = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.CustomConverter = underlying switch
            {
                { IsEnum: true } when underlying == property.PropertyType => Names,
                { IsEnum: true } => (JsonConverter)Activator.CreateInstance(typeof(NullableNames<>).MakeGenericType(underlying))!,
                _ when property.PropertyType == typeof(double) => FiniteDouble.Instance,
                _ when property.PropertyType == typeof(double?) => FiniteNullableDouble.Instance,
                _ => property.CustomConverter,
            };
        }
    }

    private static double ReadFinite(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new JsonException();

    private sealed class NullableNames<T> : JsonConverter<T?>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> names = (JsonConverter<T>)Names.CreateConverter(typeof(T), JsonSerializerOptions.Default)!;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => names.Read(ref reader, typeof(T), options);

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is { } name)
            {
                names.Write(writer, name, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    private sealed class FiniteDouble : JsonConverter<double>
    {
        public static readonly FiniteDouble Instance = new();

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadFinite(ref reader);

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class FiniteNullableDouble : JsonConverter<double?>
    {
        public static readonly FiniteNullableDouble Instance = new();

        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadFinite(ref reader);

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
