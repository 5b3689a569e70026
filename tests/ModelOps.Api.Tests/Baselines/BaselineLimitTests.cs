using ModelOps.Api.Baselines;
using static ModelOps.Api.Tests.Baselines.BaselineUpload;

namespace ModelOps.Api.Tests.Baselines;

public sealed class BaselineLimitTests
{
    [Fact]
    public void The_defaults_are_fifty_megabytes_and_a_million_rows()
    {
        var limits = new BaselineLimits();

        Assert.Equal(52_428_800, limits.MaxBodyBytes);
        Assert.Equal(1_000_000, limits.MaxRows);
    }

    [Fact]
    public async Task Json_rows_up_to_the_limit_are_accepted()
    {
        var rows = await ReadAsync("application/json", """{"rows": [{"amount": 1}, {"amount": 2}]}""", new BaselineLimits { MaxRows = 2 });

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Json_rows_beyond_the_limit_are_too_large()
    {
        var problem = await RejectAsync("application/json", """{"rows": [{"amount": 1}, {"amount": 2}, {"amount": 3}]}""", new BaselineLimits { MaxRows = 2 });

        Assert.Equal(413, problem.Problem.Status);
        Assert.Equal("The baseline has more than 2 rows; at most 2 are accepted per upload.", problem.Problem.Detail);
    }

    [Fact]
    public async Task Csv_rows_up_to_the_limit_are_accepted()
    {
        var rows = await ReadAsync("text/csv", "amount\n1\n2\n", new BaselineLimits { MaxRows = 2 });

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Csv_rows_beyond_the_limit_are_too_large()
    {
        var problem = await RejectAsync("text/csv", "amount\n1\n2\n3\n", new BaselineLimits { MaxRows = 2 });

        Assert.Equal(413, problem.Problem.Status);
        Assert.Equal("The baseline has more than 2 rows; at most 2 are accepted per upload.", problem.Problem.Detail);
    }

    [Fact]
    public async Task A_body_neither_json_nor_csv_is_an_unsupported_media_type()
    {
        var problem = await RejectAsync("text/plain", "amount\n1\n");

        Assert.Equal(415, problem.Problem.Status);
        Assert.Equal("This operation takes a body of type application/json or text/csv; the request's Content-Type was 'text/plain'.", problem.Problem.Detail);
    }
}
