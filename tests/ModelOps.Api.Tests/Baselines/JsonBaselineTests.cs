using ModelOps.Contracts;
using static ModelOps.Api.Tests.Baselines.BaselineUpload;

namespace ModelOps.Api.Tests.Baselines;

public sealed class JsonBaselineTests
{
    private const string Json = "application/json";

    [Fact]
    public async Task Rows_keep_their_numbers_texts_booleans_and_nulls()
    {
        var rows = await ReadAsync(Json, """
            {"rows": [
              {"amount": 129.5, "country": "DE", "age": null, "vip": true},
              {"amount": -3e2, "country": "FR", "age": 41, "vip": false}
            ]}
            """);

        Assert.Equal(2, rows.Count);
        Assert.Equal(ScalarValue.Of(129.5), rows[0]["amount"]);
        Assert.Equal(ScalarValue.Of("DE"), rows[0]["country"]);
        Assert.Equal(ScalarValue.Missing, rows[0]["age"]);
        Assert.Equal(ScalarValue.Of("true"), rows[0]["vip"]);
        Assert.Equal(ScalarValue.Of(-300), rows[1]["amount"]);
        Assert.Equal(ScalarValue.Of("FR"), rows[1]["country"]);
        Assert.Equal(ScalarValue.Of(41), rows[1]["age"]);
        Assert.Equal(ScalarValue.Of("false"), rows[1]["vip"]);
    }

    [Fact]
    public async Task A_number_in_a_declared_categorical_column_becomes_its_invariant_text()
    {
        var rows = await ReadAsync(Json, """{"rows": [{"country": 49.5}]}""");

        Assert.Equal(ScalarValue.Of("49.5"), rows[0]["country"]);
    }

    [Fact]
    public async Task An_undeclared_column_holding_a_text_turns_its_numbers_into_text()
    {
        var profile = await ProfileAsync(Json, """{"rows": [{"zip": 10115}, {"zip": "SW1A"}, {"zip": null}]}""");

        var zip = profile.Find("zip")!;
        Assert.Equal((FeatureType.Categorical, 1L), (zip.Type, zip.Counts.MissingCount));
        Assert.Equal(["10115", "SW1A"], zip.Binning.Categories);
    }

    [Fact]
    public async Task A_string_in_a_declared_numeric_column_is_rejected_naming_row_and_column()
    {
        var problem = await RejectAsync(Json, """{"rows": [{"amount": 1}, {"amount": "12"}]}""");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("rows[1].amount: expected a number, got \"12\"", problem.Problem.Detail);
    }

    [Fact]
    public async Task No_rows_is_rejected()
    {
        var problem = await RejectAsync(Json, """{"rows": []}""");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("rows: at least one row", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_null_row_is_rejected_naming_the_row()
    {
        var problem = await RejectAsync(Json, """{"rows": [{"amount": 1}, null]}""");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("rows[1]: expected an object of column values", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_text_longer_than_events_accept_is_rejected()
    {
        var problem = await RejectAsync(Json, $$"""{"rows": [{"country": "{{new string('x', 1025)}}"}]}""");

        Assert.Equal(400, problem.Problem.Status);
        Assert.Equal("rows[0].country: at most 1024 characters", problem.Problem.Detail);
    }
}
