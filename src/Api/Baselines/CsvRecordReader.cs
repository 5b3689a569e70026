using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ModelOps.Api.Baselines;

/// <summary>
/// RFC 4180 records from CsvHelper's parser: cells separated by commas, a quoted cell may hold commas, line breaks
/// and doubled quotes. Blank lines are skipped but still counted, so <see cref="Row"/> is the row a spreadsheet
/// shows: the first record is row 1, and a cell spanning several lines is still one row.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    public const string BadQuotes = "the cell's quotes break the CSV rules: quote the whole cell, close it, and double the quotes inside it";

    private readonly CsvParser parser;

    public CsvRecordReader(TextReader reader)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            BadDataFound = bad => throw new CsvSyntaxException(
                bad.Context.Parser?.Row ?? 0,
                Math.Max(0, (bad.Context.Parser?.Count ?? 1) - 1),
                BadQuotes),
        };
        parser = new CsvParser(reader, configuration);
    }

    /// <summary>Row number of the record last returned.</summary>
    public int Row => parser.Row;

    /// <summary>The next non-blank record, or null at the end of the text.</summary>
    /// <exception cref="CsvSyntaxException">The record breaks the quoting rules.</exception>
    public async ValueTask<string[]?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await parser.ReadAsync() ? parser.Record : null;
    }

    public void Dispose() => parser.Dispose();
}

/// <summary>A record breaks the CSV quoting rules; row and column (0-based) say where.</summary>
internal sealed class CsvSyntaxException(int row, int column, string reason) : Exception(reason)
{
    public int Row { get; } = row;

    public int Column { get; } = column;
}
