using System.Text.RegularExpressions;

namespace ModelOps.Contracts;

/// <summary>Model ids: 1–128 characters of letters, digits, '-', '_' and '.'.</summary>
public static partial class ModelId
{
    public const int MaxLength = 128;

    public const string Rule = "1–128 characters of letters, digits, '-', '_' and '.', not dots alone";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^(?!\.+$)[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex Pattern();
}
