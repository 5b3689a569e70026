using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Security;

namespace ModelOps.Api.Security;

/// <summary>
/// This node's view of the API keys, by the hash of their secret. It asks the key grain for changes when its view is
/// older than <see cref="RefreshInterval"/>, so a key revoked on any node is refused on every node within a second,
/// and a node that made a change sees it at once.
/// </summary>
public sealed partial class ApiKeyStore(IClusterClient cluster, IOptions<AuthOptions> options, TimeProvider clock, ILogger<ApiKeyStore> logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The name of the key seeded from <c>ModelOps:Auth:AdminKey</c>.</summary>
    public const string SeedName = "admin";

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private View current = View.Empty;
    private bool seeded;

    private IApiKeyGrain Grain => cluster.GetGrain<IApiKeyGrain>(Names.FleetKey);

    /// <summary>The stored key whose secret is <paramref name="secret"/>, expired or not; null when there is none.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string secret)
    {
        var view = await CurrentAsync();
        return view.ByHash.GetValueOrDefault(ApiKeySecret.Hash(secret));
    }

    public async Task<CreatedApiKey> CreateAsync(string name, ApiRole role, IReadOnlyList<string> models, DateTimeOffset? expiresAt)
    {
        var secret = ApiKeySecret.New();
        var record = new ApiKeyRecord(Guid.NewGuid().ToString("n")[..12], name, ApiRoles.Name(role), models, expiresAt, clock.GetUtcNow(),
            ApiKeySecret.Hash(secret), ApiKeySecret.PrefixOf(secret));
        var stored = await Grain.Create(record);
        Invalidate();
        return new CreatedApiKey
        {
            Id = stored.Id, Key = secret, Name = stored.Name, Role = role, Models = stored.Models, ExpiresAt = stored.ExpiresAt, CreatedAt = stored.CreatedAt,
        };
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync()
    {
        var view = await CurrentAsync(force: true);
        return view.ByHash.Values.OrderBy(key => key.CreatedAt).ThenBy(key => key.Id, StringComparer.Ordinal).Select(ToView).ToArray();
    }

    public async Task<bool> RevokeAsync(string id)
    {
        var revoked = await Grain.Revoke(id);
        Invalidate();
        return revoked;
    }

    public static ApiKeyView ToView(ApiKeyRecord key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Role = ApiRoles.TryParse(key.Role, out var role) ? role : ApiRole.Viewer,
        Models = key.Models,
        ExpiresAt = key.ExpiresAt,
        CreatedAt = key.CreatedAt,
        Prefix = key.Prefix,
    };

    private void Invalidate() => Volatile.Write(ref current, Volatile.Read(ref current) with { FetchedAt = DateTimeOffset.MinValue });

    private async ValueTask<View> CurrentAsync(bool force = false)
    {
        var held = Volatile.Read(ref current);
        if (!force && clock.GetUtcNow() - held.FetchedAt < RefreshInterval)
        {
            return held;
        }
        await refreshing.WaitAsync();
        try
        {
            held = Volatile.Read(ref current);
            var askedAt = clock.GetUtcNow();
            if (!force && askedAt - held.FetchedAt < RefreshInterval)
            {
                return held;
            }
            await SeedOnceAsync();
            var changed = await Grain.ChangedSince(held.Version);
            var fresh = changed is null
                ? held with { FetchedAt = askedAt }
                : new View(changed.Version, changed.Keys.ToDictionary(key => key.SecretHash, StringComparer.Ordinal), askedAt);
            Volatile.Write(ref current, fresh);
            return fresh;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task SeedOnceAsync()
    {
        if (seeded)
        {
            return;
        }
        if (options.Value.AdminKey is { } secret)
        {
            var hash = ApiKeySecret.Hash(secret);
            var record = new ApiKeyRecord(ApiKeyIds.SeedPrefix + hash[..8], SeedName, ApiRoles.Name(ApiRole.Admin), [ModelScope.All], null,
                clock.GetUtcNow(), hash, ApiKeySecret.PrefixOf(secret));
            if (await Grain.Seed(record))
            {
                LogSeeded(record.Id);
            }
        }
        seeded = true;
    }

    public void Dispose() => refreshing.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin key of ModelOps:Auth:AdminKey is stored as key {KeyId}")]
    private partial void LogSeeded(string keyId);

    private sealed record View(long Version, IReadOnlyDictionary<string, ApiKeyRecord> ByHash, DateTimeOffset FetchedAt)
    {
        public static readonly View Empty = new(-1, new Dictionary<string, ApiKeyRecord>(), DateTimeOffset.MinValue);
    }
}
