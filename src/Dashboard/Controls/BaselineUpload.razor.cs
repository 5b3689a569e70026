using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// Uploads a CSV file as the model's baseline (<c>PUT /api/v1/models/{id}/baseline</c>, <c>text/csv</c>), streamed from
/// the browser with a progress bar of the bytes sent, then shows the rows the API accepted or its refusal (row and column).
/// </summary>
public partial class BaselineUpload
{
    /// <summary>The API's default largest baseline (<c>ModelOps:Baselines:MaxBodyBytes</c>, 50 MiB): a larger file is refused here, before it is read.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The model whose baseline is replaced.</summary>
    [Parameter, EditorRequired]
    public string ModelId { get; set; } = string.Empty;

    private bool Uploading { get; set; }

    private string? FileName { get; set; }

    private long Sent { get; set; }

    private long Total { get; set; }

    private double Percent => Total == 0 ? 0 : Math.Round(100.0 * Sent / Total, 1);

    private string? Result { get; set; }

    private string? Error { get; set; }

    private async Task UploadAsync(InputFileChangeEventArgs change)
    {
        var file = change.File;
        (FileName, Result, Error, Sent, Total) = (file.Name, null, null, 0, 0);
        if (file.Size > MaxBytes)
        {
            Error = $"{file.Name} is {ByteText(file.Size)}; a baseline may be at most {ByteText(MaxBytes)}. Upload a sample of the reference data.";
            return;
        }
        Uploading = true;
        Total = file.Size;
        try
        {
            await using var csv = file.OpenReadStream(MaxBytes);
            var summary = await Client.PutBaselineCsvAsync(ModelId, csv, new Progress<long>(ShowProgress));
            Sent = Total;
            Result = $"Baseline replaced: {summary.Count.ToString("N0", CultureInfo.InvariantCulture)} rows accepted " +
                     $"(source {summary.Source}, {TimeFormat.DateTime(summary.CreatedAt, Clock.LocalTimeZone)}).";
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure) || failure is IOException)
        {
            Error = "Upload refused: " + string.Join("; ", failure is IOException io ? [io.Message] : ProblemText.Lines(failure));
        }
        finally
        {
            Uploading = false;
        }
    }

    /// <summary>Redraws when the bar moves by a whole percent, not for every buffer of a large file.</summary>
    private void ShowProgress(long sent)
    {
        var before = (int)Percent;
        Sent = sent;
        if ((int)Percent != before || sent == Total)
        {
            StateHasChanged();
        }
    }

    private static string ByteText(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{(bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        >= 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes} bytes",
    };
}
