using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The model form's state: a definition being written, checked by the rules the API applies (so most mistakes are
/// named before a round trip, with the same field paths), and turned into the body of <c>PUT /api/v1/models/{id}</c>.
/// </summary>
public sealed class ModelDraft
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    public ModelTask Task { get; set; }

    public List<FeatureDraft> Features { get; } = [];

    /// <summary>The model's drift settings, which the form does not edit, sent back as they were.</summary>
    public ModelDriftSettings? DriftSettings { get; private init; }

    /// <summary>The binary model's positive class, which the form does not edit, sent back as it was.</summary>
    public string? PositiveClass { get; private init; }

    public static ModelDraft From(ModelView model)
    {
        var draft = new ModelDraft { Id = model.Id, Name = model.Name, Version = model.Version, Task = model.Task, DriftSettings = model.DriftSettings, PositiveClass = model.PositiveClass };
        draft.Features.AddRange(model.Features.Select(FeatureDraft.From));
        return draft;
    }

    /// <summary>Every mistake as <c>field: reason</c>, by the API's field paths; empty when the draft can be sent.</summary>
    /// <param name="creating">The id is checked only for a new model; an existing one keeps its id.</param>
    public IReadOnlyList<string> Validate(bool creating)
    {
        var errors = new List<string>();
        if (creating && !ModelId.IsValid(Id))
        {
            errors.Add(Id.Length == 0 ? $"id: required, {ModelId.Rule}" : $"id: '{Id}' is not a valid model id: use {ModelId.Rule}");
        }
        if (Name.Length > DefinitionLimits.MaxNameLength)
        {
            errors.Add($"name: at most {DefinitionLimits.MaxNameLength} characters");
        }
        if (Version.Length > DefinitionLimits.MaxVersionLength)
        {
            errors.Add($"version: at most {DefinitionLimits.MaxVersionLength} characters");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Features.Count; i++)
        {
            var feature = Features[i];
            if (feature.Name.Length is 0 or > DefinitionLimits.MaxFeatureNameLength)
            {
                errors.Add($"features[{i}].name: required, 1–{DefinitionLimits.MaxFeatureNameLength} characters");
            }
            else if (!seen.Add(feature.Name))
            {
                errors.Add($"features[{i}].name: '{feature.Name}' is declared twice");
            }
            if (feature.Threshold is { } threshold && (!double.IsFinite(threshold) || threshold <= 0))
            {
                errors.Add($"features[{i}].drift.threshold: expected a positive number");
            }
            else if (feature.Threshold is not null && feature.Method is null)
            {
                errors.Add($"features[{i}].drift.threshold: choose a method to override its threshold");
            }
        }
        return errors;
    }

    /// <summary>The body of the PUT; an empty name or version is left out so the API's defaults apply.</summary>
    public ModelDefinition ToDefinition() => new()
    {
        Name = Name.Length == 0 ? null : Name,
        Version = Version.Length == 0 ? null : Version,
        Task = Task,
        Features = [.. Features.Select(feature => feature.ToDefinition())],
        Drift = DriftSettings,
        PositiveClass = PositiveClass,
    };
}

/// <summary>One feature row of the model form.</summary>
public sealed class FeatureDraft
{
    public string Name { get; set; } = "";

    public FeatureType Type { get; set; }

    /// <summary>One of <see cref="DriftMethods.All"/>, or null for the default method.</summary>
    public string? Method { get; set; }

    /// <summary>Overrides the method's default threshold; needs a <see cref="Method"/>.</summary>
    public double? Threshold { get; set; }

    /// <summary>The API learned this feature from traffic; saving the form declares it.</summary>
    public bool Learned { get; init; }

    public static FeatureDraft From(FeatureDefinition feature) => new()
    {
        Name = feature.Name,
        Type = feature.Type,
        Method = feature.Drift?.Method,
        Threshold = feature.Drift?.Threshold,
        Learned = feature.Learned,
    };

    public FeatureDefinition ToDefinition() => new()
    {
        Name = Name,
        Type = Type,
        Drift = Method is null ? null : new FeatureDriftSettings(Method, Threshold),
    };
}
