namespace ModelOps.Grains.Security;

/// <summary>The fleet's API keys, by the hash of their secret. One instance, key <see cref="Names.FleetKey"/>.</summary>
[Alias("ModelOps.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key; a <see cref="ConflictException"/> when its name is taken, an <see cref="InvalidRequestException"/> when the store is full.</summary>
    [Alias("Create")]
    Task<ApiKeyRecord> Create(ApiKeyRecord key);

    /// <summary>Stores the configured admin key unless it is stored already or was revoked; true when stored now.</summary>
    [Alias("Seed")]
    Task<bool> Seed(ApiKeyRecord key);

    /// <summary>True when the key existed and is now revoked.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string id);

    /// <summary>Every key and the store's version; null when the version is still <paramref name="knownVersion"/>.</summary>
    [Alias("ChangedSince")]
    Task<ApiKeySnapshot?> ChangedSince(long knownVersion);
}

/// <summary>A key as stored: the SHA-256 of its secret, never the secret.</summary>
[GenerateSerializer, Alias("ModelOps.ApiKeyRecord")]
public sealed record ApiKeyRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] IReadOnlyList<string> Models,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string SecretHash,
    [property: Id(7)] string Prefix);

[GenerateSerializer, Alias("ModelOps.ApiKeySnapshot")]
public sealed record ApiKeySnapshot([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<ApiKeyRecord> Keys);
