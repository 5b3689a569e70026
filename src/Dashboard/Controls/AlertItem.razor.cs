using ModelOps.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Dialogs;
using ModelOps.Dashboard.ViewModels;
using Radzen;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// One alert in the panel: severity, title, message, model and state, with acknowledge and resolve buttons that call
/// the API and show its refusal inline. Selecting the alert opens its insight dialog.
/// </summary>
public partial class AlertItem
{
    /// <summary>
    /// Whom the dashboard acknowledges and resolves as. It has no sign-in, so the alert's history names the dashboard
    /// rather than a person.
    /// </summary>
    public const string ActingAs = "dashboard";

    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private DashboardStore Store { get; set; } = default!;

    [Inject]
    private DialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The alert to show.</summary>
    [Parameter, EditorRequired]
    public AlertView Alert { get; set; } = default!;

    /// <summary>The alert's model as people know it.</summary>
    [Parameter, EditorRequired]
    public string ModelName { get; set; } = string.Empty;

    /// <summary>The time the relative times are counted to.</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset Now { get; set; }

    /// <summary>The action in flight ("Acknowledge" or "Resolve"); both buttons wait for it.</summary>
    private string? Acting { get; set; }

    private string? Error { get; set; }

    private bool IsOpen => Alert.State != AlertState.Resolved;

    private string Since => AlertDisplay.Since(Alert, Now);

    private string SinceAt => TimeFormat.DateTime(AlertDisplay.SinceAt(Alert), Clock.LocalTimeZone);

    private string? Acknowledged => Alert.AcknowledgedAt is { } at
        ? $"Acknowledged by {Alert.AcknowledgedBy ?? KpiFormat.Missing} {TimeFormat.Span(Now - at)} ago"
        : null;

    /// <summary>An open alert's edge takes its severity's colour; a resolved one's is grey.</summary>
    private string EdgeClass => Alert.State == AlertState.Resolved ? "alert-item-resolved" : $"alert-item-{Alert.Severity.ToString().ToLowerInvariant()}";

    private void Open() => InsightDialog.Open(Dialogs, Alert);

    private Task AcknowledgeAsync() => ActAsync("Acknowledge", () => Client.AcknowledgeAlertAsync(Alert.Id, ActingAs));

    private Task ResolveAsync() => ActAsync("Resolve", () => Client.ResolveAlertAsync(Alert.Id, ActingAs));

    private async Task ActAsync(string action, Func<Task<AlertView>> call)
    {
        if (Acting is not null)
        {
            return;
        }
        Acting = action;
        Error = null;
        try
        {
            // The same alert also comes back as new-alert; the store keeps whichever copy is further along.
            Store.ApplyAlerts([await call()]);
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException or TaskCanceledException)
        {
            Error = $"{action} failed: {exception.Message}";
        }
        finally
        {
            Acting = null;
        }
    }
}
