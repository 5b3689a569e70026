using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ModelOps.Api.Errors;
using ModelOps.Api.Ingest;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;

namespace ModelOps.Api.Baselines;

/// <summary>
/// Reads the rows of a baseline upload, as JSON (<c>{"rows": [...]}</c>) or as CSV with a header row, and checks all
/// of them before any is used: the first bad cell ends the request with a 400 naming its row and column.
/// Declared features keep the type of the model definition; an undeclared column is learned as numeric when every
/// value it holds is a number, and as text otherwise.
/// </summary>
/// <remarks>
/// JSON rows are named by their index in the array (<c>rows[12].amount</c>). CSV rows are named as a spreadsheet
/// shows them: the header is row 1, the first data row is row 2, and a quoted cell spanning lines is still one row.
/// </remarks>
public static class BaselineReader
{
    private const string Csv = "text/csv";

    /// <exception cref="ProblemException">400 for a bad row, header or body; 413 beyond <paramref name="limits"/>; 415 for a body neither JSON nor CSV.</exception>
    public static async Task<List<Dictionary<string, ScalarValue>>> ReadAsync(
        HttpRequest request, IReadOnlyList<FeatureDefinition> declared, BaselineLimits limits, CancellationToken cancellationToken)
    {
        var types = declared.ToDictionary(feature => feature.Name, feature => feature.Type, StringComparer.Ordinal);
        var rows = request.HasJsonContentType() ? await ReadJsonAsync(request, types, limits, cancellationToken)
            : MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)
                ? await ReadCsvAsync(request, media.Encoding ?? Encoding.UTF8, types, limits, cancellationToken)
                : throw new ProblemException(UnsupportedMediaType(request.ContentType));
        if (rows.Count == 0)
        {
            throw new ProblemException(Problems.Invalid("rows", "at least one row"));
        }
        return rows;
    }

    private static async Task<List<Dictionary<string, ScalarValue>>> ReadJsonAsync(
        HttpRequest request, Dictionary<string, FeatureType> types, BaselineLimits limits, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, BaselineJsonContext.Default.BaselineBody, limits.MaxBodyBytes, cancellationToken);
        if (body.Rows is null)
        {
            throw new ProblemException(Problems.Invalid("rows", "expected an array of rows"));
        }
        if (body.Rows.Count > limits.MaxRows)
        {
            throw new ProblemException(TooManyRows(limits.MaxRows));
        }
        var rows = new List<Dictionary<string, ScalarValue>>(body.Rows.Count);
        for (var i = 0; i < body.Rows.Count; i++)
        {
            var row = body.Rows[i] ?? throw new ProblemException(Problems.Invalid($"rows[{i}]", "expected an object of column values"));
            if (row.Count > EventValidator.MaxFeatures)
            {
                throw new ProblemException(Problems.Invalid($"rows[{i}]", $"at most {EventValidator.MaxFeatures} columns"));
            }
            var typed = new Dictionary<string, ScalarValue>(row.Count, StringComparer.Ordinal);
            foreach (var (name, value) in row)
            {
                if (name.Length is 0 or > EventValidator.MaxFeatureNameLength)
                {
                    throw new ProblemException(Problems.Invalid($"rows[{i}]", NameRule));
                }
                var (cell, problem) = Typed(value, types.TryGetValue(name, out var type) ? type : null);
                typed[name] = problem is null ? cell : throw new ProblemException(Problems.Invalid($"rows[{i}].{name}", problem));
            }
            rows.Add(typed);
        }
        Learn(rows, types, textMayBeNumber: false);
        return rows;
    }

    private static async Task<List<Dictionary<string, ScalarValue>>> ReadCsvAsync(
        HttpRequest request, Encoding encoding, Dictionary<string, FeatureType> types, BaselineLimits limits, CancellationToken cancellationToken)
    {
        JsonBody.LimitBody(request, limits.MaxBodyBytes);
        using var text = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvRecordReader(text);
        var rows = new List<Dictionary<string, ScalarValue>>();
        string[]? header = null;
        try
        {
            header = await csv.ReadRecordAsync(cancellationToken)
                ?? throw new ProblemException(Problems.Invalid("row 1", "expected a header row naming the columns"));
            CheckHeader(header, csv.Row);
            var columnTypes = header.Select(name => types.TryGetValue(name, out var type) ? type : (FeatureType?)null).ToArray();
            while (await csv.ReadRecordAsync(cancellationToken) is { } record)
            {
                if (record.Length != header.Length)
                {
                    throw new ProblemException(Problems.Invalid($"row {csv.Row}", $"expected {header.Length} cells as in the header, got {record.Length}"));
                }
                if (rows.Count == limits.MaxRows)
                {
                    throw new ProblemException(TooManyRows(limits.MaxRows));
                }
                var row = new Dictionary<string, ScalarValue>(header.Length, StringComparer.Ordinal);
                for (var column = 0; column < header.Length; column++)
                {
                    var (cell, problem) = Typed(record[column], columnTypes[column]);
                    row[header[column]] = problem is null ? cell : throw new ProblemException(Problems.Invalid(CellField(csv.Row, header, column), problem));
                }
                rows.Add(row);
            }
        }
        catch (CsvSyntaxException syntax)
        {
            throw new ProblemException(Problems.Invalid(CellField(syntax.Row, header, syntax.Column), syntax.Message));
        }
        Learn(rows, types, textMayBeNumber: true);
        return rows;
    }

    private static void CheckHeader(string[] header, int row)
    {
        if (header.Length > EventValidator.MaxFeatures)
        {
            throw new ProblemException(Problems.Invalid($"row {row}", $"at most {EventValidator.MaxFeatures} columns"));
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < header.Length; column++)
        {
            var name = header[column];
            if (name.Length is 0 or > EventValidator.MaxFeatureNameLength)
            {
                throw new ProblemException(Problems.Invalid($"row {row}, column {column + 1}", NameRule));
            }
            if (!seen.TryAdd(name, column))
            {
                throw new ProblemException(Problems.Invalid($"row {row}, column {column + 1}", $"\"{name}\" is already column {seen[name] + 1}"));
            }
        }
    }

    /// <summary>A JSON value as its column's type; the problem when it cannot be.</summary>
    private static (ScalarValue Value, string? Problem) Typed(ScalarValue value, FeatureType? type) => (value.Kind, type) switch
    {
        (ScalarKind.Text, FeatureType.Numeric) => (value, $"expected a number, got {Quoted(value.Text!)}"),
        (ScalarKind.Text, _) when value.Text!.Length > EventValidator.MaxTextLength => (value, TextRule),
        (ScalarKind.Number, _) when !double.IsFinite(value.Number) => (value, "expected a finite number"),
        (ScalarKind.Number, FeatureType.Categorical) => (ScalarValue.Of(value.ToString()), null),
        _ => (value, null),
    };

    /// <summary>A CSV cell as its column's type (text while undeclared, until <see cref="Learn"/>); empty is missing.</summary>
    private static (ScalarValue Value, string? Problem) Typed(string cell, FeatureType? type) => cell switch
    {
        "" => (ScalarValue.Missing, null),
        _ when type == FeatureType.Numeric => Number(cell) is { } number ? (number, null) : (default, $"expected a number, got {Quoted(cell)}"),
        { Length: > EventValidator.MaxTextLength } => (default, TextRule),
        _ => (ScalarValue.Of(cell), null),
    };

    /// <summary>
    /// The rule for undeclared columns, in one place: numeric when every value present is a number (for CSV, a cell
    /// that parses as one), text otherwise — then numbers become their invariant text, so a column has one type.
    /// </summary>
    private static void Learn(List<Dictionary<string, ScalarValue>> rows, Dictionary<string, FeatureType> declared, bool textMayBeNumber)
    {
        var undeclared = rows.SelectMany(row => row.Keys).Where(name => !declared.ContainsKey(name)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in undeclared)
        {
            var numeric = rows.All(row => !row.TryGetValue(name, out var value) || value.Kind switch
            {
                ScalarKind.Text => textMayBeNumber && Number(value.Text!) is not null,
                _ => true,
            });
            foreach (var row in rows)
            {
                if (row.TryGetValue(name, out var value))
                {
                    row[name] = (numeric, value.Kind) switch
                    {
                        (true, ScalarKind.Text) => Number(value.Text!)!.Value,
                        (false, ScalarKind.Number) => ScalarValue.Of(value.ToString()),
                        _ => value,
                    };
                }
            }
        }
    }

    private static ScalarValue? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    private static string CellField(int row, string[]? header, int column) =>
        header is not null && column < header.Length ? $"row {row}, column \"{header[column]}\"" : $"row {row}, column {column + 1}";

    private static string Quoted(string text) => text.Length <= 64 ? $"\"{text}\"" : $"\"{text[..64]}…\"";

    private static readonly string NameRule = $"column names are 1–{EventValidator.MaxFeatureNameLength} characters";
    private static readonly string TextRule = $"at most {EventValidator.MaxTextLength} characters";

    /// <summary>The same body limit <see cref="JsonBody"/> applies, for the CSV reader that does not go through it.</summary>
    private static ProblemDetails TooManyRows(int maxRows) =>
        Problems.TooLarge($"The baseline has more than {maxRows} rows; at most {maxRows} are accepted per upload.");

    private static ProblemDetails UnsupportedMediaType(string? contentType) => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = "Unsupported media type",
        Detail = $"Send a baseline as application/json ({{\"rows\": [...]}}) or as text/csv with a header row; got {(contentType is null ? "no Content-Type" : $"'{contentType}'")}.",
    };
}
