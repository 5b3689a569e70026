using Microsoft.Extensions.Logging;

namespace ModelOps.Grains.Security;

/// <summary>Stores the API keys. Each node's cache asks for changes at most every half second, so a revocation reaches every node within a second.</summary>
public sealed partial class ApiKeyGrain(
    [PersistentState("apikeys", Names.Storage)] IPersistentState<ApiKeyState> state,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>Keys the store holds; each node holds them all in memory.</summary>
    public const int MaxKeys = 1_000;

    /// <summary>Revoked seed hashes remembered; past this the oldest are forgotten.</summary>
    private const int MaxRevokedSeeds = 100;

    private ApiKeyState Store => state.State;

    public async Task<ApiKeyRecord> Create(ApiKeyRecord key)
    {
        if (Store.Keys.Values.Any(stored => string.Equals(stored.Name, key.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConflictException($"A key named '{key.Name}' exists; revoke it first (DELETE /api/v1/keys/{{id}}) or choose another name.");
        }
        if (Store.Keys.Count >= MaxKeys)
        {
            throw new InvalidRequestException("name", $"the store holds its limit of {MaxKeys} keys; revoke unused ones first");
        }
        Store.Keys[key.Id] = key;
        await SaveAsync();
        LogCreated(key.Id, key.Name, key.Role);
        return key;
    }

    public async Task<bool> Seed(ApiKeyRecord key)
    {
        if (Store.RevokedSeeds.Contains(key.SecretHash) || Store.Keys.Values.Any(stored => stored.SecretHash == key.SecretHash))
        {
            return false;
        }
        Store.Keys[key.Id] = key;
        await SaveAsync();
        LogCreated(key.Id, key.Name, key.Role);
        return true;
    }

    public async Task<bool> Revoke(string id)
    {
        if (!Store.Keys.Remove(id, out var revoked))
        {
            return false;
        }
        if (revoked.Id.StartsWith(ApiKeyIds.SeedPrefix, StringComparison.Ordinal))
        {
            if (Store.RevokedSeeds.Count >= MaxRevokedSeeds)
            {
                Store.RevokedSeeds.RemoveAt(0);
            }
            Store.RevokedSeeds.Add(revoked.SecretHash);
        }
        await SaveAsync();
        LogRevoked(id, revoked.Name);
        return true;
    }

    public Task<ApiKeySnapshot?> ChangedSince(long knownVersion) =>
        Task.FromResult(knownVersion == Store.Version ? null : new ApiKeySnapshot(Store.Version, Store.Keys.Values.ToArray()));

    private Task SaveAsync()
    {
        Store.Version++;
        return state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Name}, {Role}) created")]
    private partial void LogCreated(string keyId, string name, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Name}) revoked")]
    private partial void LogRevoked(string keyId, string name);
}

/// <summary>How key ids are made.</summary>
public static class ApiKeyIds
{
    /// <summary>The id of a key seeded from configuration begins so.</summary>
    public const string SeedPrefix = "seed-";
}
