using Microsoft.AspNetCore.Components.Forms;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;

namespace ModelOps.Dashboard.Tests.Manage;

public sealed class BaselineUploadTests : ApiTestContext
{
    private const string Csv = "amount,country\n129.5,DE\n12.0,FR\n55.25,\n";

    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    [Fact]
    public async Task The_file_is_sent_as_it_is_with_its_progress_shown_and_then_the_rows_the_API_accepted()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Api.AnswerWhen("PUT", "/api/v1/models/fraud/baseline", release.Task, new BaselineSummary(3, "upload", TestModels.Now), Json.BaselineSummary);
        var upload = Render<BaselineUpload>(parameters => parameters.Add(p => p.ModelId, "fraud"));

        // UploadFiles returns once the component's upload handler has finished, so it runs beside the test, which releases the answer.
        var uploading = Task.Run(() => upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "reference.csv")), Xunit.TestContext.Current.CancellationToken);
        await Api.UntilRequestsAsync(1);
        await upload.WaitForAssertionAsync(() => Assert.Equal("39 bytes of 39 bytes sent", upload.Find("[data-testid=baseline-progress-text]").TextContent));
        var whileWaiting = (Progress: upload.Find("[data-testid=baseline-progress]").GetAttribute("aria-valuenow"),
            Button: upload.Find(".file-picker").TextContent.Trim(), Results: upload.FindAll("[data-testid=baseline-result]").Count);
        release.SetResult();
        await uploading;

        Assert.Equal(["PUT /api/v1/models/fraud/baseline " + Csv], Api.Requests);
        Assert.Equal(("100", "Uploading…", 0), whileWaiting);
        await upload.WaitForAssertionAsync(() => Assert.Equal(
            "Baseline replaced: 3 rows accepted (source upload, 2026-11-29 15:00:00).", upload.Find("[data-testid=baseline-result]").TextContent));
        Assert.Equal("Choose a CSV file", upload.Find(".file-picker").TextContent.Trim());
        Assert.Equal("reference.csv", upload.Find(".form-actions .panel-caption").TextContent);
    }

    [Fact]
    public async Task A_bad_cell_is_reported_with_its_row_and_column()
    {
        Api.AnswerInvalid("PUT", "/api/v1/models/fraud/baseline", "row 3, column \"amount\"", "expected a number, got \"twelve\"");
        var upload = Render<BaselineUpload>(parameters => parameters.Add(p => p.ModelId, "fraud"));

        upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("amount\n1.5\ntwelve\n", "reference.csv"));

        await upload.WaitForAssertionAsync(() => Assert.Equal(
            "Upload refused: row 3, column \"amount\": expected a number, got \"twelve\"", upload.Find("[data-testid=baseline-error]").TextContent));
        Assert.Equal("alert", upload.Find("[data-testid=baseline-error]").GetAttribute("role"));
        Assert.Empty(upload.FindAll("[data-testid=baseline-result]"));
    }

    [Fact]
    public void A_file_larger_than_the_servers_limit_is_refused_before_anything_is_sent()
    {
        var upload = Render<BaselineUpload>(parameters => parameters.Add(p => p.ModelId, "fraud"));

        upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[BaselineUpload.MaxBytes + 1], "huge.csv"));

        Assert.Equal("huge.csv is 50.0 MB; a baseline may be at most 50.0 MB. Upload a sample of the reference data.",
            upload.Find("[data-testid=baseline-error]").TextContent);
        Assert.Empty(Api.Requests);
    }
}
