using ModelOps.Contracts;
using static ModelOps.Api.Tests.Baselines.BaselineUpload;

namespace ModelOps.Api.Tests.Baselines;

public sealed class CsvBaselineTests
{
    private const string Csv = "text/csv";

    [Fact]
    public async Task Rows_are_typed_by_the_model_definition()
    {
        var rows = await ReadAsync(Csv, "amount,country\r\n129.5,DE\r\n-3e2,010\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(ScalarValue.Of(129.5), rows[0]["amount"]);
        Assert.Equal(ScalarValue.Of("DE"), rows[0]["country"]);
        Assert.Equal(ScalarValue.Of(-300), rows[1]["amount"]);
        Assert.Equal(ScalarValue.Of("010"), rows[1]["country"]);
    }

    [Fact]
    public async Task Quoted_cells_hold_commas_doubled_quotes_and_line_breaks()
    {
        var rows = await ReadAsync("text/csv; charset=utf-8", "country,note\n\"Bonn, DE\",\"say \"\"hi\"\"\"\n\"FR\",\"two\r\nlines\"\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(ScalarValue.Of("Bonn, DE"), rows[0]["country"]);
        Assert.Equal(ScalarValue.Of("say \"hi\""), rows[0]["note"]);
        Assert.Equal(ScalarValue.Of("FR"), rows[1]["country"]);
        Assert.Equal(ScalarValue.Of("two\r\nlines"), rows[1]["note"]);
    }

    [Fact]
    public async Task Empty_cells_are_missing()
    {
        var rows = await ReadAsync(Csv, "amount,country,age\n,,\n1,\"\",7");

        Assert.Equal([ScalarValue.Missing, ScalarValue.Missing, ScalarValue.Missing], rows[0].Values);
        Assert.Equal(ScalarValue.Of(1), rows[1]["amount"]);
        Assert.Equal(ScalarValue.Missing, rows[1]["country"]);
        Assert.Equal(ScalarValue.Of("7"), rows[1]["age"]);
    }

    [Fact]
    public async Task An_undeclared_column_of_numbers_is_learned_as_numeric()
    {
        var profile = await ProfileAsync(Csv, "age,score\n41,0.5\n,1e-3\n");

        var (age, score) = (profile.Find("age")!, profile.Find("score")!);
        Assert.Equal((FeatureType.Numeric, true, 1L), (age.Type, age.Learned, age.Counts.MissingCount));
        Assert.Equal([41.0], age.Binning.DiscreteValues);
        Assert.Equal((FeatureType.Numeric, 0L), (score.Type, score.Counts.MissingCount));
        Assert.Equal([0.001, 0.5], score.Binning.DiscreteValues);
    }

    [Fact]
    public async Task An_undeclared_column_with_one_text_cell_is_learned_as_text_keeping_every_cell_as_written()
    {
        var profile = await ProfileAsync(Csv, "zip\n01067\n1.50\n1.5\n1.50\nSW1A\n");

        var zip = profile.Find("zip")!;
        Assert.Equal(FeatureType.Categorical, zip.Type);
        Assert.Equal(["1.50", "01067", "1.5", "SW1A"], zip.Binning.Categories);
        Assert.Equal([2L, 1, 1, 1, 0], zip.SlotCounts);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_but_counted_in_row_numbers()
    {
        var problem = await RejectAsync(Csv, "amount\n1\n\n2\nabc\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 5, column \"amount\": expected a number, got \"abc\"", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_text_in_a_declared_numeric_column_is_rejected_naming_the_row_as_a_spreadsheet_counts_it()
    {
        var problem = await RejectAsync(Csv, "country,amount\n\"two\nlines\",1\nDE,abc\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 3, column \"amount\": expected a number, got \"abc\"", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_non_finite_number_in_a_declared_numeric_column_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount\nNaN\n");

        Assert.Equal("row 2, column \"amount\": expected a number, got \"NaN\"", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_cells_is_rejected_naming_the_row()
    {
        var problem = await RejectAsync(Csv, "amount,country,age\n1,DE,3\n2,FR\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 3: expected 3 cells as in the header, got 2", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_duplicate_column_name_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount,country,amount\n1,DE,2\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 1, column 3: \"amount\" is already column 1", problem.Problem.Detail);
    }

    [Fact]
    public async Task An_empty_column_name_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount,,country\n1,2,DE\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 1, column 2: column names are 1–128 characters", problem.Problem.Detail);
    }

    [Fact]
    public async Task An_empty_body_is_rejected_for_want_of_a_header()
    {
        var problem = await RejectAsync(Csv, "");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 1: expected a header row naming the columns", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_header_without_rows_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount,country\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("rows: at least one row", problem.Problem.Detail);
    }

    [Fact]
    public async Task An_unclosed_quote_is_rejected_naming_row_and_column()
    {
        var problem = await RejectAsync(Csv, "amount,country\n1,\"DE\n2,FR\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 2, column \"country\": the cell's quotes break the CSV rules: quote the whole cell, close it, and double the quotes inside it", problem.Problem.Detail);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount,country\n1,\"DE\"x\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 2, column \"country\": the cell's quotes break the CSV rules: quote the whole cell, close it, and double the quotes inside it", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_cell_is_rejected()
    {
        var problem = await RejectAsync(Csv, "amount,country\n1,D\"E\n");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("row 2, column \"country\": the cell's quotes break the CSV rules: quote the whole cell, close it, and double the quotes inside it", problem.Problem.Detail);
    }
}
