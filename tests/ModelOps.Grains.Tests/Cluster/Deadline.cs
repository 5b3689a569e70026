using System.Diagnostics;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>Waits on a condition, never on the clock alone, and says what it was waiting for when time runs out.</summary>
internal static class Deadline
{
    /// <summary>Generous against a busy build machine; a healthy cluster answers within a few ticks.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static async Task<T> Within<T>(this Task<T> task, string awaited)
    {
        await ((Task)task).Within(awaited);
        return await task;
    }

    public static async Task Within(this Task task, string awaited)
    {
        try
        {
            await task.WaitAsync(Default);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waited {Default.TotalSeconds:0} s for {awaited}.", timeout);
        }
    }

    public static async Task Until(Func<Task<bool>> condition, string awaited)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > Default)
            {
                throw new TimeoutException($"Waited {Default.TotalSeconds:0} s for {awaited}.");
            }
            await Task.Delay(ClusterFixture.TickInterval / 4, TestContext.Current.CancellationToken);
        }
    }
}
