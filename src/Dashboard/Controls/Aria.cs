namespace ModelOps.Dashboard.Controls;

/// <summary>Attributes for the inner input of Radzen components that take them as a dictionary (<c>InputAttributes</c>).</summary>
internal static class Aria
{
    /// <summary>Names the input for assistive technology where a table row has no visible label per cell.</summary>
    public static Dictionary<string, object> Label(string label) => new() { ["aria-label"] = label };
}
