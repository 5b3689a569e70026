using ModelOps.Contracts;

namespace ModelOps.Dashboard.Services;

/// <summary>
/// Who is signed in, as <c>GET /api/v1/session</c> said when the dashboard started, and what their role lets the
/// dashboard offer (<see cref="ApiPermissions"/>, the matrix the API's routes require).
/// </summary>
public sealed class SessionState
{
    /// <summary>The caller; null before the session is known, when it could not be read, or once the server asked for a key.</summary>
    public SessionView? Current { get; private set; }

    /// <summary>True once the server answered 401: the dashboard shows the sign-in page.</summary>
    public bool SignInRequired { get; private set; }

    /// <summary>Raised, once, when the server first answers 401.</summary>
    public event Action? SignInNeeded;

    /// <summary>Whether the signed-in role may take <paramref name="action"/>; nothing is allowed while the session is unknown.</summary>
    public bool Allows(ApiAction action) => Current is { } session && session.Role.Allows(action);

    public void SignedIn(SessionView session) => (Current, SignInRequired) = (session, false);

    /// <summary>The server answered 401 to a call or the stream's handshake: the key is gone, revoked or expired.</summary>
    public void RequireSignIn()
    {
        if (SignInRequired)
        {
            return;
        }
        (Current, SignInRequired) = (null, true);
        SignInNeeded?.Invoke();
    }
}
