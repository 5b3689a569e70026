using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Pages;
using ModelOps.Dashboard.Services;

namespace ModelOps.Dashboard.Controls;

/// <summary>The header's note of who is signed in and with what role, with sign-out; or that loopback access stands in for a key.</summary>
public partial class SessionBadge
{
    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool SigningOut { get; set; }

    private string? Error { get; set; }

    private static string ScopeText(SessionView session) => $"models: {string.Join(", ", session.Models)}";

    private async Task SignOutAsync()
    {
        (SigningOut, Error) = (true, null);
        try
        {
            await Client.SignOutAsync();
            // A fresh load drops the stream opened with the old cookie.
            Navigation.NavigateTo(SignIn.Path, forceLoad: true);
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException)
        {
            Error = $"Signing out failed: {exception.Message}";
            SigningOut = false;
        }
    }
}
