using System.Text;

namespace ModelOps.Api.Baselines;

/// <summary>
/// Reads RFC 4180 records: cells separated by commas, records by CRLF, LF or CR; a quoted cell may hold commas,
/// line breaks and doubled quotes. Blank lines are skipped but still counted, so <see cref="Row"/> is the row a
/// spreadsheet shows: the first record is row 1, and a cell spanning several lines is still one row.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private enum State { CellStart, Unquoted, Quoted, QuoteInQuoted }

    private readonly char[] buffer = new char[16 * 1024];
    private readonly List<string> cells = [];
    private readonly StringBuilder cell = new();
    private int position;
    private int length;
    private bool skipLineFeed;

    /// <summary>Row number of the record last returned.</summary>
    public int Row { get; private set; }

    /// <summary>The next non-blank record, or null at the end of the text.</summary>
    /// <exception cref="CsvSyntaxException">The record breaks the quoting rules.</exception>
    public async ValueTask<string[]?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        cells.Clear();
        cell.Clear();
        Row++;
        var state = State.CellStart;
        while (true)
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer, cancellationToken);
                position = 0;
                if (length == 0)
                {
                    return End(state);
                }
            }
            var c = buffer[position++];
            if (skipLineFeed)
            {
                skipLineFeed = false;
                if (c == '\n')
                {
                    continue;
                }
            }
            switch (state)
            {
                case State.Quoted:
                    if (c == '"')
                    {
                        state = State.QuoteInQuoted;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                    break;
                case State.QuoteInQuoted when c == '"':
                    cell.Append('"');
                    state = State.Quoted;
                    break;
                case State.QuoteInQuoted when c is not (',' or '\r' or '\n'):
                    throw new CsvSyntaxException(Row, cells.Count, "expected a comma or the end of the row after the closing quote");
                case State.CellStart when c == '"':
                    state = State.Quoted;
                    break;
                case State.Unquoted when c == '"':
                    throw new CsvSyntaxException(Row, cells.Count, "a quote may only open a cell; quote the whole cell and double the quotes inside it");
                default:
                    if (c == ',')
                    {
                        EndCell();
                        state = State.CellStart;
                    }
                    else if (c is '\r' or '\n')
                    {
                        skipLineFeed = c == '\r';
                        if (state == State.CellStart && cells.Count == 0)
                        {
                            Row++;
                            break;
                        }
                        EndCell();
                        return [.. cells];
                    }
                    else
                    {
                        cell.Append(c);
                        state = State.Unquoted;
                    }
                    break;
            }
        }
    }

    private string[]? End(State state)
    {
        if (state == State.Quoted)
        {
            throw new CsvSyntaxException(Row, cells.Count, "a quoted cell is not closed before the end of the body");
        }
        if (state == State.CellStart && cells.Count == 0)
        {
            return null;
        }
        EndCell();
        return [.. cells];
    }

    private void EndCell()
    {
        cells.Add(cell.ToString());
        cell.Clear();
    }
}

/// <summary>A record breaks RFC 4180; <see cref="Column"/> is zero-based.</summary>
internal sealed class CsvSyntaxException(int row, int column, string reason) : Exception(reason)
{
    public int Row { get; } = row;
    public int Column { get; } = column;
}
