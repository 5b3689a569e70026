using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelOps.Api.Baselines;
using ModelOps.Api.Errors;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Ingest;

namespace ModelOps.Api.Endpoints;

/// <summary>
/// The events of a <c>POST …/events</c> body sent as NDJSON (one event object per line, as an element of the JSON
/// body's <c>events</c>) or as CSV with a header row (columns <c>id</c>, <c>timestamp</c>, <c>prediction</c>,
/// <c>score</c>, <c>latencyMs</c>, <c>label</c>, <c>error</c> and <c>feature.&lt;name&gt;</c>), read with the baseline
/// upload's CSV reader. Every event is read before any is applied; the first problem names its line (NDJSON: the
/// body's lines from 1, blank lines counted) or row (CSV: the header is row 1) and its field.
/// </summary>
/// <remarks>
/// Held to the same limits as the JSON body: <see cref="ApiOptions.MaxBodyBytes"/> (by the request guard) and
/// <see cref="ApiOptions.MaxEventsPerRequest"/>, a 413 at the first event past it. Blank lines are skipped; CRLF line
/// ends and a UTF-8 byte order mark are taken. A CSV cell that is empty is a missing value; <c>prediction</c> and
/// <c>label</c> are numbers for a regression model and text otherwise; a <c>feature.</c> column declared numeric must
/// hold numbers, one declared categorical is text, and an undeclared one is a number where its cell is one.
/// </remarks>
public static class EventBodyReader
{
    public const string Json = "application/json";
    public const string Ndjson = "application/x-ndjson";
    public const string Csv = "text/csv";
    public const string FeaturePrefix = "feature.";

    /// <summary>The longest NDJSON line taken, in characters (a line past it is a 400 naming it); the body limit holds it first.</summary>
    public const int MaxLineChars = 1_048_576;

    private static readonly string[] Columns = ["id", "timestamp", "prediction", "score", "latencyMs", "label", "error"];

    /// <summary>The events and, for each, where the body holds it (<c>line 4</c>, <c>row 3</c>).</summary>
    public sealed record Body(List<InferenceEvent> Events, List<int> Places, bool IsCsv)
    {
        /// <summary>A validation error the model raised (<c>events[2].latencyMs</c>) named as the body holds it.</summary>
        public InvalidRequestException Place(InvalidRequestException error)
        {
            var close = error.Field.IndexOf(']');
            if (!error.Field.StartsWith("events[", StringComparison.Ordinal) || close < 0
                || !int.TryParse(error.Field.AsSpan(7, close - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= Places.Count)
            {
                return error;
            }
            var field = error.Field[(close + 1)..].TrimStart('.');
            if (IsCsv && field.StartsWith("features.", StringComparison.Ordinal))
            {
                field = FeaturePrefix + field["features.".Length..];
            }
            return new InvalidRequestException(Field(index, field), error.Reason);
        }

        public string Field(int index, string field) => IsCsv
            ? field.Length == 0 ? $"row {Places[index]}" : $"row {Places[index]}, column \"{field}\""
            : field.Length == 0 ? $"line {Places[index]}" : $"line {Places[index]}: {field}";
    }

    public static bool IsBatchType(string? contentType, out bool csv)
    {
        csv = false;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        csv = media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase);
        return csv || media.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase);
    }

    /// <exception cref="ProblemException">400 naming the line or row and field; 413 past the limits; 415 for another type.</exception>
    public static async Task<Body> ReadAsync(HttpRequest request, ModelView? model, int maxEvents, CancellationToken cancellationToken)
    {
        if (!IsBatchType(request.ContentType, out var csv))
        {
            throw new ProblemException(Problems.UnsupportedMediaType(request.ContentType, [Json, Ndjson, Csv]));
        }
        var encoding = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.Encoding ?? Encoding.UTF8 : Encoding.UTF8;
        using var text = new StreamReader(request.Body, BindingProblems.Strict(encoding), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var body = new Body([], [], csv);
        if (csv)
        {
            await ReadCsvAsync(text, body, model, maxEvents, cancellationToken);
        }
        else
        {
            await ReadNdjsonAsync(text, body, request.HttpContext.RequestServices, maxEvents, cancellationToken);
        }
        if (body.Events.Count == 0)
        {
            throw new ProblemException(Problems.Invalid("body", csv ? "expected a header row and at least one event row" : "expected at least one event line"));
        }
        return body;
    }

    private static ProblemException TooMany(int maxEvents) => new(Problems.TooLarge(
        $"The batch holds more than {maxEvents} events; at most {maxEvents} are accepted per request. Split it into smaller batches."));

    private static async Task ReadNdjsonAsync(StreamReader text, Body body, IServiceProvider services, int maxEvents, CancellationToken cancellationToken)
    {
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var line = 0;
        while (await text.ReadLineAsync(cancellationToken) is { } content)
        {
            line++;
            if (content.Length > MaxLineChars)
            {
                throw new ProblemException(Problems.Invalid($"line {line}", $"at most {MaxLineChars} characters per line"));
            }
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }
            if (body.Events.Count == maxEvents)
            {
                throw TooMany(maxEvents);
            }
            InferenceEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<InferenceEvent>(content, json);
            }
            catch (JsonException error)
            {
                var path = error.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
                throw new ProblemException(Problems.Invalid(path is null ? $"line {line}" : $"line {line}: {path}",
                    $"not a JSON event object: {FirstSentence(error.Message)}"));
            }
            body.Events.Add(e ?? throw new ProblemException(Problems.Invalid($"line {line}", "expected an event object, got null")));
            body.Places.Add(line);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private static async Task ReadCsvAsync(StreamReader text, Body body, ModelView? model, int maxEvents, CancellationToken cancellationToken)
    {
        using var csv = new CsvRecordReader(text);
        var header = await NextRecordAsync(csv, null, cancellationToken)
            ?? throw new ProblemException(Problems.Invalid("row 1", "expected a header row naming the columns"));
        CheckHeader(header, csv.Row);
        var regression = model?.Task == ModelTask.Regression;
        var declared = (model?.Features ?? []).ToDictionary(feature => feature.Name, feature => feature.Type, StringComparer.Ordinal);
        while (await NextRecordAsync(csv, header, cancellationToken) is { } record)
        {
            var row = csv.Row;
            if (record.Length != header.Length)
            {
                throw new ProblemException(Problems.Invalid($"row {row}", $"expected {header.Length} cells as in the header, got {record.Length}"));
            }
            if (body.Events.Count == maxEvents)
            {
                throw TooMany(maxEvents);
            }
            body.Events.Add(Event(header, record, row, regression, declared));
            body.Places.Add(row);
        }
    }

    private static InferenceEvent Event(string[] header, string[] record, int row, bool regression, Dictionary<string, FeatureType> declared)
    {
        var e = new InferenceEvent();
        Dictionary<string, ScalarValue>? features = null;
        for (var column = 0; column < header.Length; column++)
        {
            var (name, cell) = (header[column], record[column]);
            ProblemException Bad(string reason) => new(Problems.Invalid($"row {row}, column \"{name}\"", reason));
            if (name.StartsWith(FeaturePrefix, StringComparison.Ordinal))
            {
                var feature = name[FeaturePrefix.Length..];
                features ??= new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
                features[feature] = cell.Length == 0 ? ScalarValue.Missing
                    : declared.TryGetValue(feature, out var type) && type == FeatureType.Categorical ? ScalarValue.Of(cell)
                    : Number(cell) is { } number ? number
                    : declared.ContainsKey(feature) ? throw Bad($"expected a number, got {Quoted(cell)}")
                    : ScalarValue.Of(cell);
                continue;
            }
            if (cell.Length == 0)
            {
                continue;
            }
            e = name switch
            {
                "id" => e with { Id = cell },
                "timestamp" => e with
                {
                    Timestamp = DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                        : throw Bad($"expected an ISO 8601 date and time such as 2026-12-03T10:15:00Z, got {Quoted(cell)}"),
                },
                "latencyMs" => e with { LatencyMs = Number(cell)?.Number ?? throw Bad($"expected a number, got {Quoted(cell)}") },
                "score" => e with { Score = Number(cell)?.Number ?? throw Bad($"expected a number, got {Quoted(cell)}") },
                "prediction" => e with { Prediction = Scalar(cell, regression, Bad) },
                "label" => e with { Label = Scalar(cell, regression, Bad) },
                "error" => e with
                {
                    Error = bool.TryParse(cell, out var failed) ? failed : throw Bad($"expected true or false, got {Quoted(cell)}"),
                },
                _ => e,
            };
        }
        return features is null ? e : e with { Features = features };
    }

    private static ScalarValue Scalar(string cell, bool regression, Func<string, ProblemException> bad) =>
        !regression ? ScalarValue.Of(cell)
        : Number(cell) ?? throw bad($"expected a number: this is a regression model, got {Quoted(cell)}");

    private static void CheckHeader(string[] header, int row)
    {
        if (header.Length > EventValidator.MaxFeatures + Columns.Length)
        {
            throw new ProblemException(Problems.Invalid($"row {row}", $"at most {EventValidator.MaxFeatures + Columns.Length} columns"));
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < header.Length; column++)
        {
            var name = header[column];
            var at = $"row {row}, column {column + 1}";
            if (!Columns.Contains(name) && !(name.StartsWith(FeaturePrefix, StringComparison.Ordinal) && name.Length > FeaturePrefix.Length))
            {
                throw new ProblemException(Problems.Invalid(at,
                    $"{Quoted(name)} is not a column of an event: expected {string.Join(", ", Columns)} or {FeaturePrefix}<name>"));
            }
            if (!seen.TryAdd(name, column))
            {
                throw new ProblemException(Problems.Invalid(at, $"\"{name}\" is already column {seen[name] + 1}"));
            }
        }
    }

    private static ValueTask<string[]?> NextRecordAsync(CsvRecordReader csv, string[]? header, CancellationToken cancellationToken) =>
        BaselineReader.NextRecordAsync(csv, header, cancellationToken);

    private static ScalarValue? Number(string text) => BaselineReader.Number(text);

    private static string Quoted(string text) => BaselineReader.Quoted(text);
}
