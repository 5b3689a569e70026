namespace ModelOps.Api.Security;

/// <summary>
/// The identity every request carries after authentication: <c>Identity.Name</c> is the key's name (<see cref="LoopbackName"/>
/// for anonymous loopback access), <see cref="System.Security.Claims.ClaimTypes.Role"/> its role, and these claims.
/// </summary>
public static class ModelOpsClaims
{
    /// <summary>The key's id; absent for anonymous loopback access.</summary>
    public const string KeyId = "modelops:key_id";

    /// <summary>One claim per model pattern of the key's scope (<c>*</c>, an id, or a prefix ending in <c>*</c>).</summary>
    public const string Model = "modelops:model";

    /// <summary>The name of the anonymous identity of a loopback request when <c>ModelOps:Auth:AllowAnonymousLoopback</c> is on.</summary>
    public const string LoopbackName = "loopback";

    /// <summary>The authentication scheme: keys by header, query (WebSocket) or session cookie, and anonymous loopback access.</summary>
    public const string Scheme = "ModelOpsKey";
}
