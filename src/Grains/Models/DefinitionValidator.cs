using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>Checks a model definition before it replaces the stored one.</summary>
public static class DefinitionValidator
{
    public const int MaxNameLength = DefinitionLimits.MaxNameLength;
    public const int MaxVersionLength = DefinitionLimits.MaxVersionLength;

    /// <param name="definition">The definition to check.</param>
    /// <param name="maxFeatures">The most features a model holds (<c>ModelOps:MaxFeatures</c>).</param>
    /// <exception cref="InvalidRequestException">The first invalid field.</exception>
    public static void Validate(ModelDefinition definition, int maxFeatures)
    {
        if (definition.Name is { Length: > MaxNameLength })
        {
            throw new InvalidRequestException("name", $"at most {MaxNameLength} characters");
        }
        if (definition.Version is { Length: > MaxVersionLength })
        {
            throw new InvalidRequestException("version", $"at most {MaxVersionLength} characters");
        }
        if (!Enum.IsDefined(definition.Task))
        {
            throw new InvalidRequestException("task", "expected classification or regression");
        }
        if (definition.PositiveClass is { } positive && (definition.Task != ModelTask.Classification || positive.Length is 0 or > Ingest.EventValidator.MaxTextLength))
        {
            throw new InvalidRequestException("positiveClass", definition.Task != ModelTask.Classification
                ? "only a classification model has a positive class"
                : $"expected a class of 1–{Ingest.EventValidator.MaxTextLength} characters");
        }
        if (definition.Features.Count > maxFeatures)
        {
            throw new InvalidRequestException("features", $"at most {maxFeatures} features (ModelOps:MaxFeatures)");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Features.Count; i++)
        {
            var feature = definition.Features[i] ?? throw new InvalidRequestException($"features[{i}]", "expected a feature object, got null");
            if (string.IsNullOrEmpty(feature.Name) || feature.Name.Length > Ingest.EventValidator.MaxFeatureNameLength)
            {
                throw new InvalidRequestException($"features[{i}].name", $"required, 1–{Ingest.EventValidator.MaxFeatureNameLength} characters");
            }
            if (!Enum.IsDefined(feature.Type))
            {
                throw new InvalidRequestException($"features[{i}].type", "expected numeric or categorical");
            }
            if (!seen.Add(feature.Name))
            {
                throw new InvalidRequestException($"features[{i}].name", $"'{feature.Name}' is declared twice");
            }
            if (feature.Drift is { } drift)
            {
                ValidateDriftOverride(drift, $"features[{i}].drift");
            }
        }
        if (definition.Drift is { } settings)
        {
            ValidateDriftSettings(settings);
        }
    }

    private static void ValidateDriftOverride(FeatureDriftSettings drift, string field)
    {
        if (Drift.Statistics.DriftStatisticCatalog.Find(drift.Method) is null)
        {
            var allowed = string.Join(", ", Drift.Statistics.DriftStatisticCatalog.All.Select(statistic => statistic.Name));
            throw new InvalidRequestException($"{field}.method", $"unknown drift method '{drift.Method}'; allowed: {allowed}");
        }
        if (drift.Threshold is { } threshold && (!double.IsFinite(threshold) || threshold <= 0))
        {
            throw new InvalidRequestException($"{field}.threshold", "expected a positive number");
        }
    }

    private static void ValidateDriftSettings(ModelDriftSettings settings)
    {
        if (settings.BaselineSize is < 10 or > 1_000_000)
        {
            throw new InvalidRequestException("drift.baselineSize", "expected a number of events between 10 and 1000000");
        }
        if (settings.Window is { } window && (window < TimeSpan.FromMinutes(1) || window > TimeSpan.FromDays(30) || window.Ticks % TimeSpan.TicksPerMinute != 0))
        {
            throw new InvalidRequestException("drift.window", "expected whole minutes between 00:01:00 and 30.00:00:00");
        }
        if (settings.ShareThreshold is { } share && (!double.IsFinite(share) || share <= 0 || share > 1))
        {
            throw new InvalidRequestException("drift.shareThreshold", "expected a share above 0 and at most 1");
        }
    }
}
