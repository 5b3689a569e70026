using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How a model status is shown: a colour class, an icon and a word, so colour is never the only signal.</summary>
public sealed record StatusDisplay(string Text, string Icon, string CssClass)
{
    public static StatusDisplay For(ModelStatus status) => status switch
    {
        ModelStatus.Healthy => new("Healthy", "check_circle", "status-healthy"),
        ModelStatus.Warning => new("Warning", "warning", "status-warning"),
        ModelStatus.Critical => new("Critical", "error", "status-critical"),
        _ => new("No data", "hourglass_empty", "status-no-data"),
    };
}
