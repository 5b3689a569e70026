using Microsoft.AspNetCore.Components;

namespace ModelOps.Dashboard.Controls;

/// <summary>Why a form was not saved, one line per field (<c>features[1].name: …</c>), announced to assistive technology; nothing when all is well.</summary>
public partial class ErrorList
{
    /// <summary>The lines to show.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Errors { get; set; } = [];

    /// <summary>The words before the list.</summary>
    [Parameter]
    public string Title { get; set; } = "Not saved:";

    /// <summary>The list's <c>data-testid</c>.</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = string.Empty;
}
