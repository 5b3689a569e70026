using ModelOps.Contracts;
using Orleans.Runtime;

namespace ModelOps.Grains.Models;

/// <summary>
/// The model's two timers, armed only while there is work for them, so a model with nothing to do costs no CPU and is
/// deactivated after <see cref="MonitoringOptions.IdleDeactivation"/>. The tick runs while something changed since the last
/// broadcast, the window holds data, an alert is open or a rule's condition is running (pending, or resolving): a rule
/// that breaks on an empty window ("no traffic") sets its run on the tick that finds the window empty, so it still fires.
/// The checkpoint runs while something is not in storage.
/// </summary>
public sealed partial class ModelGrain
{
    private IGrainTimer? ticker;
    private IGrainTimer? checkpointer;

    /// <summary>Something the next broadcast must carry: arms the tick.</summary>
    private void MarkChanged()
    {
        changedSincePublish = true;
        ArmTick();
    }

    /// <summary>Something not in storage yet: arms the checkpoint.</summary>
    private void MarkUnstored()
    {
        checkpoints.Changed();
        checkpointer ??= this.RegisterGrainTimer(Checkpoint,
            new GrainTimerCreationOptions(settings.CheckpointInterval, settings.CheckpointInterval) { Interleave = false, KeepAlive = true });
    }

    /// <summary>
    /// Keeps the activation alive while it ticks (a pending rule gets to fire with nobody calling); an idle one is left
    /// to Orleans' collection.
    /// </summary>
    private void ArmTick() =>
        ticker ??= this.RegisterGrainTimer(Tick,
            new GrainTimerCreationOptions(settings.TickInterval, settings.TickInterval) { Interleave = false, KeepAlive = true });

    /// <summary>True when the model has nothing left to do: what the tick would do next changes nothing.</summary>
    private bool Idle(long nowSecond) => !changedSincePublish && !reportPending && !window.HasData(nowSecond) && Book.Quiet;

    private void DisarmTick()
    {
        ticker?.Dispose();
        ticker = null;
    }

    /// <summary>Called after a checkpoint: disarms it when everything is in storage.</summary>
    private void DisarmCheckpointWhenStored()
    {
        if (!checkpoints.Due)
        {
            checkpointer?.Dispose();
            checkpointer = null;
        }
    }

    private DateTimeOffset reportedAt;
    private ModelStatus? reportedStatus;
    private int reportedFiring;
    private bool reportPending;

    /// <summary>
    /// Reports the model's headline to the registry that <c>GET /api/v1/models</c> lists from: at once when its status
    /// or firing alerts changed, else at most every <see cref="MonitoringOptions.FleetRefreshInterval"/> while it changes,
    /// and once more when it goes idle, so the registry holds what an idle model would answer.
    /// </summary>
    private async Task ReportWhenDue(DateTimeOffset now, ModelStatus status, bool idle)
    {
        if (status != reportedStatus || FiringAlerts != reportedFiring
            || (reportPending && (idle || now - reportedAt >= settings.FleetRefreshInterval)))
        {
            await ReportHeadline();
        }
    }

    /// <summary>
    /// Never fails the call it is part of: an ingest already applied must be acknowledged even when the registry cannot
    /// be reached (its silo stopping, say). What was not reported is reported by a later tick.
    /// </summary>
    private async Task ReportHeadline()
    {
        var headline = View(includeHistory: false);
        try
        {
            await GrainFactory.GetGrain<IModelRegistryGrain>(Names.FleetKey).Report(headline);
            (reportedAt, reportedStatus, reportedFiring, reportPending) = (headline.UpdatedAt, headline.Status, headline.OpenAlerts, false);
        }
        catch (Exception failure) when (failure is OrleansException or TimeoutException or OperationCanceledException)
        {
            reportPending = true;
            ArmTick();
        }
    }

    public Task<ModelActivity> GetActivity() =>
        Task.FromResult(new ModelActivity(GrainContext.ActivationId.ToString(), ticker is not null, checkpointer is not null));
}

/// <summary>What a model's activation is doing: which activation answers, and whether its tick and checkpoint are armed.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelActivity")]
public sealed record ModelActivity([property: Id(0)] string Activation, [property: Id(1)] bool Ticking, [property: Id(2)] bool Checkpointing);
