using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>Checks a model definition before it replaces the stored one.</summary>
public static class DefinitionValidator
{
    public const int MaxNameLength = 200;
    public const int MaxVersionLength = 64;
    public const int MaxFeatures = 1_000;

    /// <exception cref="InvalidRequestException">The first invalid field.</exception>
    public static void Validate(ModelDefinition definition)
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
        if (definition.Features.Count > MaxFeatures)
        {
            throw new InvalidRequestException("features", $"at most {MaxFeatures} features");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Features.Count; i++)
        {
            var feature = definition.Features[i];
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
        }
    }
}
