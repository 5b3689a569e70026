using System.Globalization;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Insights;

/// <summary>How evidence writes numbers, times and the strings users supplied.</summary>
public static class InsightText
{
    /// <summary>The longest user-supplied string (feature name, category, version, rule name) quoted whole; longer ones are cut with an ellipsis.</summary>
    public const int MaxQuoted = 64;

    /// <summary>
    /// A user-supplied string as data: cut to <see cref="MaxQuoted"/> characters and JSON-encoded, quotes included, so it
    /// cannot close the quote or pass for an instruction.
    /// </summary>
    public static string Quote(string value) => JsonSerializer.Serialize(Cut(value), QuoteContext.Default.String);

    /// <summary>A user-supplied string cut to <see cref="MaxQuoted"/> characters, the last an ellipsis when it was longer.</summary>
    public static string Cut(string value) => value.Length <= MaxQuoted ? value : value[..(MaxQuoted - 1)] + "…";

    /// <summary>Four significant digits, invariant culture: <c>0.2312</c>, <c>312.5</c>, <c>12000</c>.</summary>
    public static string Number(double value) => Math.Abs(value) >= 10_000
        ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with up to two decimals: <c>35%</c>, <c>1.25%</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Span(TimeSpan span) => new Duration(span).ToString();

    /// <summary>A metric's value with its unit, or <c>no value</c>.</summary>
    public static string Metric(string metric, double? value) => value is { } known ? MetricText.Format(metric, known) : "no value";
}
