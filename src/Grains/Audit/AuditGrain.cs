using ModelOps.Contracts;
using Orleans.Runtime;

namespace ModelOps.Grains.Audit;

/// <summary>The fleet's audit trail; one instance, key <see cref="Names.FleetKey"/>. Every entry is stored before it is answered.</summary>
[Alias("ModelOps.IAuditGrain")]
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>Stores the entry under the next sequence number and the grain's time; returns it as stored.</summary>
    [Alias("Record")]
    Task<AuditEntry> Record(AuditEntry entry);

    /// <summary>The newest entries, newest first, of one model when <paramref name="modelId"/> is given.</summary>
    [Alias("Newest")]
    Task<IReadOnlyList<AuditEntry>> Newest(string? modelId, int limit);
}

public sealed class AuditGrain(
    [PersistentState("audit", Names.Storage)] IPersistentState<AuditState> state,
    TimeProvider clock) : Grain, IAuditGrain
{
    public async Task<AuditEntry> Record(AuditEntry entry)
    {
        var stored = AuditTrail.Append(state.State, entry, clock.GetUtcNow());
        await state.WriteStateAsync();
        return stored;
    }

    public Task<IReadOnlyList<AuditEntry>> Newest(string? modelId, int limit) =>
        Task.FromResult(AuditTrail.Newest(state.State, modelId, Math.Clamp(limit, 1, AuditTrail.MaxLimit)));
}
