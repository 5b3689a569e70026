using ModelOps.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;
using Radzen;

namespace ModelOps.Dashboard.Dialogs;

/// <summary>
/// An alert in full: its rule, value against threshold, lifecycle and every notification with its delivery. Its
/// deliveries are fetched afresh on opening, since the stream only reports an alert when its state changes. The
/// insight (<c>POST /api/v1/alerts/{id}/insight</c>) shows its summary, likely causes with the evidence they cite,
/// recommendations and which analyst answered; Refresh fetches the deliveries again and asks for a new insight.
/// </summary>
public partial class InsightDialog : LiveComponent
{
    /// <summary>Alerts of the model fetched to refresh this one; the newest, which an open or recent alert is among.</summary>
    public const int RefreshLimit = 100;

    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private DialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The alert to show, followed live in the store.</summary>
    [Parameter, EditorRequired]
    public string AlertId { get; set; } = string.Empty;

    protected override DashboardChange RedrawOn => DashboardChange.Alerts | DashboardChange.ModelList;

    private AlertView? Alert { get; set; }

    private IReadOnlyList<AlertFact> Facts { get; set; } = [];

    private IReadOnlyList<DeliveryRow> Deliveries { get; set; } = [];

    private bool Refreshing { get; set; }

    private string? RefreshError { get; set; }

    private AlertInsight? Insight { get; set; }

    private string? InsightError { get; set; }

    /// <summary>Opens the dialog for <paramref name="alert"/>.</summary>
    public static void Open(DialogService dialogs, AlertView alert) =>
        dialogs.Open<InsightDialog>(
            alert.Title,
            new Dictionary<string, object?> { [nameof(AlertId)] = alert.Id },
            new DialogOptions { Width = "48rem", CloseDialogOnOverlayClick = true, CssClass = "insight-dialog-window" });

    protected override void ReadStore()
    {
        Alert = Store.FindAlert(AlertId);
        if (Alert is { } alert)
        {
            var zone = Clock.LocalTimeZone;
            Facts = AlertFacts.For(alert, AlertDisplay.ModelName(alert, Store.Models), zone);
            Deliveries = [.. alert.Deliveries.Select(delivery => DeliveryRow.For(delivery, zone))];
        }
    }

    protected override Task OnInitializedAsync() => LoadAsync(regenerate: false);

    private Task RefreshAsync() => LoadAsync(regenerate: true);

    /// <summary>Fetches the deliveries, then the insight: the cached one on opening, a new one when <paramref name="regenerate"/>.</summary>
    private async Task LoadAsync(bool regenerate)
    {
        if (Alert is not { } alert)
        {
            return;
        }
        Refreshing = true;
        RefreshError = null;
        InsightError = null;
        try
        {
            Store.ApplyAlerts(await Client.GetAlertsAsync(alert.ModelId, limit: RefreshLimit));
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException or TaskCanceledException)
        {
            RefreshError = $"Could not refresh the deliveries: {exception.Message}";
        }
        if (!Session.Allows(ApiAction.AskInsight))
        {
            // Asking for an insight spends the AI quota: an editor's to spend.
            InsightError = $"No insight: asking for one needs the role '{ApiRoles.Name(ApiPermissions.Needs(ApiAction.AskInsight))}'.";
            Refreshing = false;
            return;
        }
        try
        {
            Insight = await Client.GetInsightAsync(alert.Id, regenerate);
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException or TaskCanceledException)
        {
            InsightError = $"No insight: {exception.Message}";
        }
        finally
        {
            Refreshing = false;
        }
    }

    private static string ProviderText(AlertInsight insight) => insight.Provider switch
    {
        InsightProviders.Builtin => "Built-in analyst",
        InsightProviders.Gemini => insight.Model is { } model ? $"Gemini ({model})" : "Gemini",
        var other => other,
    };

    private string EvidenceAnchor(string evidenceId) => $"insight-{AlertId}-{evidenceId}";

    private void Close() => Dialogs.Close();
}
