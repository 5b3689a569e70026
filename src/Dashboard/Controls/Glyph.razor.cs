using Microsoft.AspNetCore.Components;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// A Material Symbols icon drawn from CSS, so the icon's name never becomes page text
/// (screen readers, copied text and text assertions see only the words beside it).
/// </summary>
public partial class Glyph
{
    /// <summary>The Material Symbols name, for example <c>check_circle</c>.</summary>
    [Parameter, EditorRequired]
    public string Icon { get; set; } = string.Empty;
}
