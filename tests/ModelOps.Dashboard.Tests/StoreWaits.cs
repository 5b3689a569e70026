using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests;

internal static class StoreWaits
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Completes when <paramref name="condition"/> holds, checked now and after every store change; fails after a deadline naming what was awaited.</summary>
    public static async Task UntilAsync(this DashboardStore store, Func<DashboardStore, bool> condition, string awaited)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(DashboardChange change)
        {
            if (condition(store))
            {
                reached.TrySetResult();
            }
        }
        store.Changed += Check;
        try
        {
            Check(DashboardChange.None);
            await reached.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {awaited}.");
        }
        finally
        {
            store.Changed -= Check;
        }
    }
}
