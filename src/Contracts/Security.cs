using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

/// <summary>What a key may do; each role may do everything the one before it may.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiRole>))]
public enum ApiRole
{
    /// <summary>Read models, metrics, history, logs, drift, alerts, config; the stream.</summary>
    [JsonStringEnumMemberName("viewer")] Viewer,

    /// <summary>A viewer who also posts events and labels.</summary>
    [JsonStringEnumMemberName("producer")] Producer,

    /// <summary>A producer who also defines models, rules, baselines, config, silences; acks and resolves; asks for insights; retrains.</summary>
    [JsonStringEnumMemberName("editor")] Editor,

    /// <summary>Everything, and channels and keys.</summary>
    [JsonStringEnumMemberName("admin")] Admin,
}

/// <summary>The wire names of <see cref="ApiRole"/>.</summary>
public static class ApiRoles
{
    public static string Name(ApiRole role) => role switch
    {
        ApiRole.Viewer => "viewer",
        ApiRole.Producer => "producer",
        ApiRole.Editor => "editor",
        _ => "admin",
    };

    public static bool TryParse(string name, out ApiRole role)
    {
        foreach (var candidate in Enum.GetValues<ApiRole>())
        {
            if (Name(candidate) == name)
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}

/// <summary>Body of <c>POST /api/v1/keys</c>.</summary>
public sealed record ApiKeyRequest
{
    /// <summary>Who holds the key, as the audit trail names them (1–64 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, <c>@</c>).</summary>
    public string? Name { get; init; }

    public ApiRole? Role { get; init; }

    /// <summary>Model ids the key may see: <c>["*"]</c> (default) for every model, or ids and prefixes ending in <c>*</c> such as <c>fraud-*</c>.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>When the key stops working; never when null.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyView
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ApiRole Role { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The first characters of the secret (<c>mov_AbCd</c>), to tell keys apart and find a leaked one.</summary>
    public required string Prefix { get; init; }
}

/// <summary>The answer to <c>POST /api/v1/keys</c>: the key with its secret, shown this once.</summary>
public sealed record CreatedApiKey
{
    public required string Id { get; init; }

    /// <summary>The secret (<c>mov_…</c>): send it as <c>Authorization: Bearer</c> or <c>X-API-Key</c>. The server keeps only its hash.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required ApiRole Role { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Body of <c>POST /api/v1/session</c>: the key the dashboard signs in with.</summary>
public sealed record SessionRequest
{
    public string? Key { get; init; }
}

/// <summary>Who the caller is (<c>GET /api/v1/session</c>): a key, or anonymous access from loopback.</summary>
public sealed record SessionView
{
    /// <summary>The key's name; <c>loopback</c> for anonymous access from this machine.</summary>
    public required string Name { get; init; }

    public required ApiRole Role { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>True when no key was sent and loopback access stood in (<c>ModelOps:Auth:AllowAnonymousLoopback</c>).</summary>
    public required bool Anonymous { get; init; }
}

/// <summary>How keys are sent.</summary>
public static class ApiKeyHeaders
{
    public const string ApiKey = "X-API-Key";

    /// <summary>The query parameter a WebSocket client that cannot set headers (a browser) sends its key in.</summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>The dashboard's session cookie (HttpOnly, SameSite=Strict).</summary>
    public const string SessionCookie = "modelops_session";

    /// <summary>Every key begins so, so a leaked one is easy to find.</summary>
    public const string KeyPrefix = "mov_";
}

/// <summary>What a caller may ask of the API, grouped as the roles grant it; see <see cref="ApiPermissions"/>.</summary>
public enum ApiAction
{
    /// <summary>Read models, metrics, history, logs, drift, alerts, rules, retrains, config, silences, the cluster, the session; the stream.</summary>
    Read,

    /// <summary>Post events and labels.</summary>
    Ingest,

    /// <summary>Define and delete models.</summary>
    EditModels,

    /// <summary>Replace a model's rules.</summary>
    EditRules,

    /// <summary>Replace a model's baseline.</summary>
    EditBaselines,

    /// <summary>Apply a modelops YAML document.</summary>
    EditConfig,

    /// <summary>Ask the AI to propose thresholds (<c>GET …/config?assist=true</c>): it spends the AI quota.</summary>
    AssistConfig,

    /// <summary>Add and delete silences.</summary>
    EditSilences,

    /// <summary>Acknowledge and resolve alerts.</summary>
    ActOnAlerts,

    /// <summary>Ask for an alert's insight: it spends the AI quota.</summary>
    AskInsight,

    /// <summary>Ask for a retrain.</summary>
    Retrain,

    /// <summary>Read, define, test and delete notification channels.</summary>
    ManageChannels,

    /// <summary>Create, list and revoke API keys.</summary>
    ManageKeys,

    /// <summary>Read the audit trail.</summary>
    ReadAudit,
}

/// <summary>
/// The one access matrix: the least role each <see cref="ApiAction"/> needs. The API's routes require it
/// (<c>.Requires(ApiAction.X)</c>) and the dashboard hides what the signed-in role may not do from it, so the two cannot drift.
/// </summary>
public static class ApiPermissions
{
    public static ApiRole Needs(ApiAction action) => action switch
    {
        ApiAction.Read => ApiRole.Viewer,
        ApiAction.Ingest => ApiRole.Producer,
        ApiAction.EditModels or ApiAction.EditRules or ApiAction.EditBaselines or ApiAction.EditConfig or ApiAction.AssistConfig
            or ApiAction.EditSilences or ApiAction.ActOnAlerts or ApiAction.AskInsight or ApiAction.Retrain => ApiRole.Editor,
        ApiAction.ManageChannels or ApiAction.ManageKeys or ApiAction.ReadAudit => ApiRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an API action"),
    };

    /// <summary>Whether <paramref name="role"/> may take <paramref name="action"/>: each role may do all that the ones below it may.</summary>
    public static bool Allows(this ApiRole role, ApiAction action) => role >= Needs(action);
}
