namespace ModelOps.Contracts;

/// <summary>One entry of a key's model scope: <c>*</c> for all, an exact id, or a prefix ending in <c>*</c> (<c>fraud-*</c>).</summary>
public static class ModelScopePattern
{
    public const string All = "*";

    public static bool Matches(string pattern, string modelId) => pattern == All || (pattern.EndsWith('*')
        ? modelId.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : pattern == modelId);
}
