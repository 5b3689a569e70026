namespace ModelOps.Api.Tests.Scale;

/// <summary>
/// Tests that read the whole test process run on their own, after the others: the memory test weighs the process's
/// heap, the stop test times thousands of checkpoints, and /metrics reads the process-wide meters, so servers of other
/// tests running beside them would be counted in.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
