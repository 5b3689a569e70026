using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One entry of the model selector.</summary>
public sealed record ModelChoice(string Id, string Name, string Version, ModelStatus Status)
{
    public static ModelChoice For(ModelView model) => new(model.Id, model.Name, model.Version, model.Status);

    /// <summary>The entry as one phrase: the selector's accessible name and its text for filtering.</summary>
    public override string ToString() => $"{Name} {Version}, {StatusDisplay.For(Status).Text}";
}
