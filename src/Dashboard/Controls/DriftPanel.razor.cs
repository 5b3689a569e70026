using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;
using Radzen;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The active model's feature drift: the dataset verdict, every feature worst first, and the selected feature's
/// baseline against current distribution. Reads <c>GET /models/{id}/drift</c> when <see cref="DriftRefreshPolicy"/>
/// says so, and redraws only when the report, the error or the selection changes, not on every tick.
/// </summary>
public partial class DriftPanel : LiveComponent
{
    private DriftRefreshPolicy? refresh;
    private CancellationTokenSource? loading;
    private bool changed = true;
    private string? chosenFeature;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;

    private string? ModelId { get; set; }

    private DriftPanelModel? Panel { get; set; }

    /// <summary>Why the last fetch failed; the last report stays shown beside it.</summary>
    private string? Error { get; set; }

    /// <summary>The feature the user chose, or else the worst one.</summary>
    private DriftFeatureRow? Selected { get; set; }

    private DriftDistributionModel? Distribution { get; set; }

    protected override void ReadStore()
    {
        refresh ??= new DriftRefreshPolicy(Clock);
        var model = Store.ActiveModel;
        if (model?.Id != ModelId)
        {
            CancelLoading();
            ModelId = model?.Id;
            Panel = null;
            Error = null;
            chosenFeature = null;
            Select(null);
        }
        if (model is not null && refresh.ShouldFetch(model.Id, model.Drift))
        {
            _ = LoadAsync(model.Id);
        }
    }

    protected override bool ShouldRender() => changed;

    protected override void OnAfterRender(bool firstRender) => changed = false;

    private async Task LoadAsync(string modelId)
    {
        CancelLoading();
        var cancellation = loading = new CancellationTokenSource();
        try
        {
            var report = await Client.GetDriftAsync(modelId, cancellationToken: cancellation.Token);
            if (cancellation.IsCancellationRequested)
            {
                return;
            }
            Panel = DriftPanelModel.For(report, Clock.GetUtcNow(), Clock.LocalTimeZone);
            Error = null;
            Select(Panel.Rows.FirstOrDefault(row => row.Name == chosenFeature) ?? Panel.Rows.FirstOrDefault());
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        // Nothing awaits this task: whatever went wrong (no connection, an error status, a body that is not a report) is shown here or nowhere.
        catch (Exception exception)
        {
            refresh?.Failed();
            Error = $"Could not load the drift report ({exception.Message}); trying again with the next update.";
            changed = true;
        }
        StateHasChanged();
    }

    private void Choose(DriftFeatureRow row)
    {
        chosenFeature = row.Name;
        Select(row);
    }

    private void Select(DriftFeatureRow? row)
    {
        Selected = row;
        Distribution = row is null ? null : DriftDistributionModel.For(row.Feature);
        changed = true;
    }

    private void OnRowClick(DataGridRowMouseEventArgs<DriftFeatureRow> args)
    {
        if (args.Data is { } row)
        {
            Choose(row);
        }
    }

    private void OnRowKeyDown(DriftFeatureRow row, KeyboardEventArgs args)
    {
        if (args.Key is "Enter" or " " || args.Code == "Space")
        {
            Choose(row);
        }
    }

    /// <summary>Makes every row a test hook and a keyboard stop that Enter or Space selects.</summary>
    private void DecorateRow(RowRenderEventArgs<DriftFeatureRow> args)
    {
        if (args.Data is not { } row)
        {
            return;
        }
        args.Attributes["data-testid"] = "drift-row";
        args.Attributes["tabindex"] = "0";
        args.Attributes["aria-selected"] = row.Name == Selected?.Name ? "true" : "false";
        args.Attributes["onkeydown"] = EventCallback.Factory.Create<KeyboardEventArgs>(this, key => OnRowKeyDown(row, key));
    }

    private void CancelLoading()
    {
        loading?.Cancel();
        loading?.Dispose();
        loading = null;
    }

    protected override void OnDisposing() => CancelLoading();
}
