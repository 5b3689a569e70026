namespace ModelOps.Grains.Security;

[GenerateSerializer, Alias("ModelOps.ApiKeyState")]
public sealed class ApiKeyState
{
    /// <summary>By key id.</summary>
    [Id(0)] public Dictionary<string, ApiKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rises with every change, so a node's cache knows when it is current.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>Hashes of seeded admin keys that were revoked: a restart with the same setting must not bring them back.</summary>
    [Id(2)] public List<string> RevokedSeeds { get; set; } = [];
}
