using ModelOps.Contracts;

namespace ModelOps.Grains.Telemetry;

/// <summary>Counts the events that model grains acknowledge, from their answers, so the grain itself stays free of it.</summary>
internal sealed class IngestCounter(ServiceMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.Result is IngestResult result)
        {
            metrics.Ingested(result);
        }
    }
}
