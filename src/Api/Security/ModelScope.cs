using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>
/// The models a key may see: <c>*</c> for all, an exact id, or a prefix ending in <c>*</c> (<c>fraud-*</c>). A model
/// outside the scope does not exist for the key: 404, left out of lists, alerts and the stream.
/// </summary>
public sealed class ModelScope(IReadOnlyList<string> patterns)
{
    public const string All = ModelScopePattern.All;

    /// <summary>Patterns one key may hold.</summary>
    public const int MaxPatterns = 100;

    public static readonly ModelScope None = new([]);

    public IReadOnlyList<string> Patterns { get; } = patterns;

    public bool IsAll { get; } = patterns.Contains(All);

    public bool Allows(string modelId) => IsAll || Patterns.Any(pattern => ModelScopePattern.Matches(pattern, modelId));

    /// <summary>Null when <paramref name="pattern"/> is a valid scope entry, else why not.</summary>
    public static string? Check(string pattern)
    {
        if (pattern == All)
        {
            return null;
        }
        var id = pattern.EndsWith('*') ? pattern[..^1] + "x" : pattern;
        return ModelId.IsValid(id) ? null : $"'{pattern}' is not a model id or a prefix ending in '*' ({ModelId.Rule})";
    }
}
