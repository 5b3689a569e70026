using System.Globalization;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;

namespace ModelOps.Dashboard.Pages;

/// <summary>
/// The sign-in page: the key goes to <c>POST /api/v1/session</c>, whose answer sets the HttpOnly session cookie; then the
/// dashboard loads afresh at the page the user came from. A wrong key and too many failures are said in words.
/// </summary>
public partial class SignIn
{
    public const string Path = "signin";

    public const string WrongKey = "That key was not accepted.";

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where to go once signed in: a path of this dashboard (anything else goes to the overview).</summary>
    [SupplyParameterFromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    private string Key { get; set; } = "";

    private bool Busy { get; set; }

    private string? Error { get; set; }

    /// <summary>The sign-in page's address that comes back to <paramref name="navigation"/>'s current page.</summary>
    public static string HrefFor(NavigationManager navigation)
    {
        var current = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        return IsLocalReturn(current) && current != "/" ? $"{Path}?returnUrl={Uri.EscapeDataString(current)}" : Path;
    }

    /// <summary>A path of this dashboard, never another site (<c>//evil.example</c>) nor the sign-in page itself.</summary>
    public static bool IsLocalReturn(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Contains(':', StringComparison.Ordinal) && !url.StartsWith("/" + Path, StringComparison.Ordinal);

    private async Task SignInAsync()
    {
        if (Busy)
        {
            return;
        }
        var key = Key.Trim();
        if (key.Length == 0)
        {
            Error = $"Enter an API key: it begins with {ApiKeyHeaders.KeyPrefix}.";
            return;
        }
        (Busy, Error) = (true, null);
        try
        {
            await Client.SignInAsync(key);
            // A fresh load starts the stream and the calls with the new cookie, and reads the new session.
            Navigation.NavigateTo(IsLocalReturn(ReturnUrl) ? ReturnUrl!.TrimStart('/') : "", forceLoad: true);
        }
        catch (ModelOpsApiException exception) when (exception.StatusCode == 401)
        {
            Error = $"{WrongKey} {FirstSentence(exception.Problem?.Detail)}".TrimEnd();
            Key = "";
        }
        catch (ModelOpsApiException exception) when (exception.StatusCode == 429)
        {
            Error = $"Too many failed sign-ins from this address. Try again in {Seconds(exception.RetryAfter)}.";
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException)
        {
            Error = $"Signing in failed: {exception.Message}";
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>The server's reason without its advice on getting a key, which this page already gives.</summary>
    private static string FirstSentence(string? detail)
    {
        if (detail is null)
        {
            return "";
        }
        var end = detail.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? detail : detail[..(end + 1)];
    }

    private static string Seconds(TimeSpan? wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((wait ?? TimeSpan.FromMinutes(1)).TotalSeconds));
        return seconds == 1 ? "1 second" : $"{seconds.ToString(CultureInfo.InvariantCulture)} seconds";
    }
}
