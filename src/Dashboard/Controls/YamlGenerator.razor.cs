using ModelOps.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;
using ModelOps.Dashboard.Yaml;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The active model's monitoring configuration as YAML (<c>GET …/config?format=</c>) in the ModelOps, Evidently or
/// MLflow format, highlighted, to copy or download; the ModelOps document can be edited and applied back
/// (<c>PUT …/config</c>), and a refused document's problems are shown with their line and column as the server gives them.
/// </summary>
public partial class YamlGenerator : LiveComponent
{
    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ActiveModelSelected;

    private string? ModelId { get; set; }

    private string Format { get; set; } = ConfigFormats.ModelOps;

    /// <summary>The document last generated or applied, for <see cref="GeneratedFor"/>.</summary>
    private string? Yaml { get; set; }

    private (string ModelId, string Format)? GeneratedFor { get; set; }

    private IReadOnlyList<IReadOnlyList<YamlToken>> Lines { get; set; } = [];

    private bool Editing { get; set; }

    /// <summary>Ask the server for AI-proposed thresholds (<c>?assist=true</c>) when generating.</summary>
    private bool Assist { get; set; }

    /// <summary>Which AI model proposed the thresholds shown, or why none did.</summary>
    private string? AssistNote { get; set; }

    private string Draft { get; set; } = "";

    private bool Busy { get; set; }

    private string? Notice { get; set; }

    private string? Error { get; set; }

    private IReadOnlyList<string> ErrorLines { get; set; } = [];

    private string FileName => $"{ModelId}.{Format}.yaml";

    private string DownloadHref => "data:application/yaml;charset=utf-8," + Uri.EscapeDataString(Yaml ?? "");

    protected override void ReadStore()
    {
        ModelId = Store.ActiveModelId;
        if (GeneratedFor is { } shown && shown.ModelId != ModelId)
        {
            Show(null);
            Editing = false;
            Notice = null;
            ClearError();
        }
    }

    private void FormatChanged()
    {
        if (GeneratedFor is { } shown && shown.Format != Format)
        {
            Show(null);
            Editing = false;
            Notice = null;
            ClearError();
        }
    }

    private async Task GenerateAsync()
    {
        if (ModelId is not { } modelId)
        {
            return;
        }
        var format = Format;
        var assist = Assist;
        await RunAsync("Could not generate the configuration", async () =>
        {
            var document = await Client.GetConfigDocumentAsync(modelId, format, assist);
            Editing = false;
            Show(document.Yaml, (modelId, format));
            Notice = $"Generated at {Clock.GetLocalNow():HH:mm:ss}";
            AssistNote = !assist ? null
                : document.AssistModel is { } model ? $"Thresholds proposed by {model}; review them before you apply the document."
                : $"No proposal: {document.FallbackReason ?? "the server did not say why"}. This is the configuration as it is.";
        });
    }

    private void Edit()
    {
        Draft = Yaml ?? "";
        Editing = true;
        Notice = null;
        ClearError();
    }

    private void CancelEdit()
    {
        Editing = false;
        ClearError();
    }

    private async Task ApplyAsync()
    {
        if (ModelId is not { } modelId)
        {
            return;
        }
        var draft = Draft;
        await RunAsync("The configuration was not applied", async () =>
        {
            var stored = await Client.ApplyConfigAsync(modelId, draft);
            Editing = false;
            Show(stored, (modelId, ConfigFormats.ModelOps));
            Notice = $"Applied at {Clock.GetLocalNow():HH:mm:ss}";
        });
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Yaml);
            Notice = "Copied to the clipboard";
        }
        catch (JSException exception)
        {
            Notice = $"Could not copy: {exception.Message}";
        }
    }

    private async Task RunAsync(string failure, Func<Task> action)
    {
        Busy = true;
        Notice = null;
        ClearError();
        try
        {
            await action();
        }
        catch (ModelOpsApiException exception)
        {
            Error = $"{failure}: {exception.Message}";
            ErrorLines = [.. (exception.Problem?.Errors ?? new Dictionary<string, string[]>())
                .SelectMany(entry => entry.Value.Select(message => $"{entry.Key}: {message}"))
                .Where(line => !exception.Message.Contains(line, StringComparison.Ordinal))];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Error = $"{failure}: the server could not be reached ({exception.Message}).";
        }
        finally
        {
            Busy = false;
        }
    }

    private void Show(string? yaml, (string, string)? generatedFor = null)
    {
        Yaml = yaml;
        AssistNote = null;
        GeneratedFor = yaml is null ? null : generatedFor;
        Lines = yaml is null ? [] : YamlHighlighter.Highlight(yaml.TrimEnd('\n'));
    }

    private void ClearError()
    {
        Error = null;
        ErrorLines = [];
    }
}
