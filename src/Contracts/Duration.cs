using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ModelOps.Contracts;

/// <summary>
/// A non-negative length of time written the way Prometheus rules write it: <c>"30s"</c>, <c>"5m"</c>,
/// <c>"1h30m"</c>, <c>"500ms"</c>, <c>"2d"</c>. Units from largest to smallest, each at most once; <c>"0s"</c> is zero.
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly partial record struct Duration(TimeSpan Value) : IComparable<Duration>
{
    public const string Format = "a number and a unit, units largest first: \"500ms\", \"30s\", \"5m\", \"1h30m\", \"2d\"";

    public static Duration Zero => default;
    public static Duration FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));
    public static Duration FromMinutes(double minutes) => new(TimeSpan.FromMinutes(minutes));

    public static implicit operator TimeSpan(Duration duration) => duration.Value;

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var match = Pattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return false;
        }
        var total = TimeSpan.Zero;
        (string Group, Func<long, TimeSpan> Unit)[] units =
        [
            ("d", n => TimeSpan.FromDays(n)), ("h", n => TimeSpan.FromHours(n)), ("m", n => TimeSpan.FromMinutes(n)),
            ("s", n => TimeSpan.FromSeconds(n)), ("ms", n => TimeSpan.FromMilliseconds(n)),
        ];
        var any = false;
        foreach (var (group, unit) in units)
        {
            var value = match.Groups[group];
            if (!value.Success)
            {
                continue;
            }
            if (!long.TryParse(value.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 1_000_000)
            {
                return false;
            }
            total += unit(count);
            any = true;
        }
        duration = new Duration(total);
        return any;
    }

    public static Duration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration: expected {Format}.");

    /// <summary>The shortest text that parses back to the same value, e.g. <c>"1h30m"</c>.</summary>
    public override string ToString()
    {
        if (Value == TimeSpan.Zero)
        {
            return "0s";
        }
        var text = new StringBuilder();
        var rest = Value;
        void Take(TimeSpan unit, string suffix)
        {
            var count = rest.Ticks / unit.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(suffix);
                rest -= TimeSpan.FromTicks(count * unit.Ticks);
            }
        }
        Take(TimeSpan.FromDays(1), "d");
        Take(TimeSpan.FromHours(1), "h");
        Take(TimeSpan.FromMinutes(1), "m");
        Take(TimeSpan.FromSeconds(1), "s");
        Take(TimeSpan.FromMilliseconds(1), "ms");
        return text.ToString();
    }

    public int CompareTo(Duration other) => Value.CompareTo(other.Value);

    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m(?!s))?(?:(?<s>\d+)s)?(?:(?<ms>\d+)ms)?$")]
    private static partial Regex Pattern();
}

/// <summary>Reads and writes <see cref="Duration"/> as its text, e.g. <c>"5m"</c>.</summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a duration string: {Duration.Format}");
        }
        var text = reader.GetString();
        return Duration.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"expected a duration ({Duration.Format}), got '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
