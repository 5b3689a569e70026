using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelOps.Api.Errors;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Ingest;

namespace ModelOps.Api.Baselines;

/// <summary>
/// Reads a baseline upload, as JSON (<c>{"rows": [...]}</c>) or as CSV with a header row, and folds its rows one at a
/// time into the baseline's profile: the first bad cell ends the request with a 400 naming its row and column, before
/// anything is applied. Declared features keep the type of the model definition; an undeclared column is learned as
/// numeric when every value it holds is a number, and as text otherwise (see <see cref="BaselineProfileBuilder"/>).
/// </summary>
/// <remarks>
/// JSON rows are named by their index in the array (<c>rows[12].amount</c>). CSV rows are named as a spreadsheet
/// shows them: the header is row 1, the first data row is row 2, and a quoted cell spanning lines is still one row.
/// A CSV body is read as it arrives and no row is kept; a JSON body is bound whole first (at most
/// <see cref="BaselineLimits.MaxBodyBytes"/>), its rows then folded in one at a time.
/// </remarks>
public static class BaselineReader
{
    public const string Json = "application/json";
    public const string Csv = "text/csv";

    /// <exception cref="ProblemException">400 for a bad row, header or body; 413 beyond <paramref name="limits"/>; 415 for a body neither JSON nor CSV.</exception>
    public static async Task<BaselineProfile> ReadAsync(
        HttpRequest request, IReadOnlyList<FeatureDefinition> declared, BaselineLimits limits, CancellationToken cancellationToken)
    {
        var builder = new BaselineProfileBuilder(declared, textMayBeNumber: !request.HasJsonContentType());
        await foreach (var row in ReadRowsAsync(request, declared, limits, cancellationToken))
        {
            builder.Add(row);
        }
        if (builder.RowCount == 0)
        {
            throw new ProblemException(Problems.Invalid("rows", "at least one row"));
        }
        return builder.Build();
    }

    /// <summary>
    /// The rows of the upload, each checked as it is read: declared columns as their type, undeclared ones as they were
    /// sent (a CSV cell as text) until the profile learns their type.
    /// </summary>
    /// <exception cref="ProblemException">As <see cref="ReadAsync"/>; 415 at once, the others as the rows are read.</exception>
    public static IAsyncEnumerable<IReadOnlyDictionary<string, ScalarValue>> ReadRowsAsync(
        HttpRequest request, IReadOnlyList<FeatureDefinition> declared, BaselineLimits limits, CancellationToken cancellationToken)
    {
        var types = declared.ToDictionary(feature => feature.Name, feature => feature.Type, StringComparer.Ordinal);
        return request.HasJsonContentType() ? ReadJsonAsync(request, types, limits, cancellationToken)
            : MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)
                ? ReadCsvAsync(request, media.Encoding ?? Encoding.UTF8, types, limits, cancellationToken)
                : throw new ProblemException(Problems.UnsupportedMediaType(request.ContentType, [Json, Csv]));
    }

    private static async IAsyncEnumerable<IReadOnlyDictionary<string, ScalarValue>> ReadJsonAsync(
        HttpRequest request, Dictionary<string, FeatureType> types, BaselineLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A JSON error is thrown as it is, and placed in the body by the exception handler (BindingProblems).
        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = await JsonSerializer.DeserializeAsync<BaselineBody>(request.Body, json, cancellationToken)
            ?? throw new ProblemException(Problems.Invalid("body", "expected an object, got null"));
        if (body.Rows is null)
        {
            throw new ProblemException(Problems.Invalid("rows", "expected an array of rows"));
        }
        if (body.Rows.Count > limits.MaxRows)
        {
            throw new ProblemException(TooManyRows(limits.MaxRows));
        }
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
            yield return typed;
        }
    }

    private static async IAsyncEnumerable<IReadOnlyDictionary<string, ScalarValue>> ReadCsvAsync(
        HttpRequest request, Encoding encoding, Dictionary<string, FeatureType> types, BaselineLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(request.Body, BindingProblems.Strict(encoding), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvRecordReader(text);
        var header = await NextRecordAsync(csv, null, cancellationToken)
            ?? throw new ProblemException(Problems.Invalid("row 1", "expected a header row naming the columns"));
        CheckHeader(header, csv.Row);
        var columnTypes = header.Select(name => types.TryGetValue(name, out var type) ? type : (FeatureType?)null).ToArray();
        var rows = 0;
        while (await NextRecordAsync(csv, header, cancellationToken) is { } record)
        {
            if (record.Length != header.Length)
            {
                throw new ProblemException(Problems.Invalid($"row {csv.Row}", $"expected {header.Length} cells as in the header, got {record.Length}"));
            }
            if (rows++ == limits.MaxRows)
            {
                throw new ProblemException(TooManyRows(limits.MaxRows));
            }
            var row = new Dictionary<string, ScalarValue>(header.Length, StringComparer.Ordinal);
            for (var column = 0; column < header.Length; column++)
            {
                var (cell, problem) = Typed(record[column], columnTypes[column]);
                row[header[column]] = problem is null ? cell : throw new ProblemException(Problems.Invalid(CellField(csv.Row, header, column), problem));
            }
            yield return row;
        }
    }

    /// <summary>The next record, a quoting error placed at its row and column (named by the header once there is one).</summary>
    internal static async ValueTask<string[]?> NextRecordAsync(CsvRecordReader csv, string[]? header, CancellationToken cancellationToken)
    {
        try
        {
            return await csv.ReadRecordAsync(cancellationToken);
        }
        catch (CsvSyntaxException syntax)
        {
            throw new ProblemException(Problems.Invalid(CellField(syntax.Row, header, syntax.Column), syntax.Message));
        }
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

    /// <summary>A CSV cell as its column's type (text while undeclared, until the profile learns its type); empty is missing.</summary>
    private static (ScalarValue Value, string? Problem) Typed(string cell, FeatureType? type) => cell switch
    {
        "" => (ScalarValue.Missing, null),
        _ when type == FeatureType.Numeric => Number(cell) is { } number ? (number, null) : (default, $"expected a number, got {Quoted(cell)}"),
        { Length: > EventValidator.MaxTextLength } => (default, TextRule),
        _ => (ScalarValue.Of(cell), null),
    };

    internal static ScalarValue? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    private static string CellField(int row, string[]? header, int column) =>
        header is not null && column < header.Length ? $"row {row}, column \"{header[column]}\"" : $"row {row}, column {column + 1}";

    internal static string Quoted(string text) => text.Length <= 64 ? $"\"{text}\"" : $"\"{text[..64]}…\"";

    private static readonly string NameRule = $"column names are 1–{EventValidator.MaxFeatureNameLength} characters";
    private static readonly string TextRule = $"at most {EventValidator.MaxTextLength} characters";

    private static ProblemDetails TooManyRows(int maxRows) =>
        Problems.TooLarge($"The baseline has more than {maxRows} rows; at most {maxRows} are accepted per upload.");
}
