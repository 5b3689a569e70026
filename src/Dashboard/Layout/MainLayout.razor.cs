using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.Pages;
using ModelOps.Dashboard.Services;

namespace ModelOps.Dashboard.Layout;

/// <summary>The dashboard's frame: header with pages, model, session and connection. Without a session it sends the user to sign in.</summary>
public partial class MainLayout : IDisposable
{
    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        Session.SignInNeeded += OnSignInNeeded;
        if (Session.SignInRequired)
        {
            Navigation.NavigateTo(SignIn.HrefFor(Navigation), replace: true);
        }
    }

    /// <summary>A call or the stream met 401 while the page was open: to the sign-in page, and back here after.</summary>
    private void OnSignInNeeded() => _ = InvokeAsync(() => Navigation.NavigateTo(SignIn.HrefFor(Navigation)));

    public void Dispose() => Session.SignInNeeded -= OnSignInNeeded;
}
