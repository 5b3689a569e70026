using Microsoft.Extensions.Logging;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Services;

/// <summary>
/// Reads the session when the dashboard starts, and again each time the live stream drops: a browser does not tell a
/// page why a WebSocket handshake failed, so a 401 there is found by asking <c>GET /api/v1/session</c>, whose 401 the
/// <see cref="SignInRedirectHandler"/> turns into the sign-in page.
/// </summary>
public sealed partial class SessionKeeper(SessionState session, DashboardStore store, ModelOpsClient client, ILogger<SessionKeeper> logger) : IDisposable
{
    private bool watching;

    /// <summary>Reads who is signed in; false when the server wants a key (the sign-in page follows).</summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            session.SignedIn(await client.GetSessionAsync(cancellationToken));
            return true;
        }
        catch (ModelOpsApiException exception) when (exception.StatusCode == 401)
        {
            session.RequireSignIn();
            return false;
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException)
        {
            // The dashboard still starts: it offers only what needs no role until the session is known.
            LogSessionFailed(exception);
            return true;
        }
    }

    /// <summary>Checks the session each time the stream is lost.</summary>
    public void Watch()
    {
        if (!watching)
        {
            watching = true;
            store.Changed += OnStoreChanged;
        }
    }

    private void OnStoreChanged(DashboardChange change)
    {
        if (change.HasFlag(DashboardChange.Connection) && store.Connection == ConnectionState.Disconnected && !session.SignInRequired)
        {
            _ = LoadAsync();
        }
    }

    public void Dispose() => store.Changed -= OnStoreChanged;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the session failed; the dashboard offers no changes until it is known.")]
    private partial void LogSessionFailed(Exception exception);
}
