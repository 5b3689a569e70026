using System.Net;

namespace ModelOps.Dashboard.Services;

/// <summary>
/// Sees every REST answer of the dashboard: a 401 means the session is over, so the dashboard goes to its sign-in page
/// (see <see cref="SessionState.RequireSignIn"/>) instead of showing the error. Signing in itself is left alone: its
/// 401 is a wrong key, which the sign-in page words.
/// </summary>
public sealed class SignInRedirectHandler(SessionState session) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !IsSignIn(request))
        {
            session.RequireSignIn();
        }
        return response;
    }

    private static bool IsSignIn(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith("/api/v1/session", StringComparison.Ordinal) == true;
}
