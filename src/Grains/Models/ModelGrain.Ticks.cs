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

    /// <summary>Called at the end of a tick: disarms it when the model has nothing left to do.</summary>
    private void DisarmTickWhenIdle(long nowSecond)
    {
        if (!changedSincePublish && !window.HasData(nowSecond) && Book.Quiet)
        {
            ticker?.Dispose();
            ticker = null;
        }
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

    public Task<ModelActivity> GetActivity() =>
        Task.FromResult(new ModelActivity(GrainContext.ActivationId.ToString(), ticker is not null, checkpointer is not null));
}

/// <summary>What a model's activation is doing: which activation answers, and whether its tick and checkpoint are armed.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelActivity")]
public sealed record ModelActivity([property: Id(0)] string Activation, [property: Id(1)] bool Ticking, [property: Id(2)] bool Checkpointing);
