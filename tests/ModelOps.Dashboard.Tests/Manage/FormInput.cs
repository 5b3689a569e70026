using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace ModelOps.Dashboard.Tests.Manage;

/// <summary>Typing into the management forms as a person does: change events on inputs, clicks on options.</summary>
internal static class FormInput
{
    /// <summary>Types <paramref name="value"/> into the input that is, or is inside, <paramref name="element"/> (Radzen puts test ids on either).</summary>
    public static Task TypeAsync(this IElement element, string value)
    {
        var input = element.LocalName == "input" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException($"No input in {element.OuterHtml}");
        return input.ChangeAsync(new ChangeEventArgs { Value = value });
    }

    /// <summary>Picks the option whose text is <paramref name="text"/> in the Radzen drop-down <paramref name="dropDown"/>.</summary>
    public static Task ChooseAsync(this IElement dropDown, string text) =>
        dropDown.QuerySelectorAll("li[role=option]").Single(option => option.TextContent.Trim() == text).ClickAsync(new());

    /// <summary>Presses the item labelled <paramref name="label"/> of the Radzen select bar <paramref name="selectBar"/>.</summary>
    public static Task PressAsync(this IElement selectBar, string label) =>
        selectBar.QuerySelector($"[aria-label='{label}']")!.ClickAsync(new());
}
