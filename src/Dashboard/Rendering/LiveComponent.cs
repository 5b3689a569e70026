using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Rendering;

/// <summary>
/// A component that shows part of the <see cref="DashboardStore"/>: it redraws when the store reports a change
/// it cares about (<see cref="RedrawOn"/>), at most once per <see cref="MinimumRedrawInterval"/>.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    public static readonly TimeSpan MinimumRedrawInterval = TimeSpan.FromMilliseconds(250);

    private RenderThrottle? throttle;
    private ITimer? clock;

    [Inject]
    protected DashboardStore Store { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>The store changes this component shows.</summary>
    protected abstract DashboardChange RedrawOn { get; }

    /// <summary>Also redraw this often, for components that show time passing (such as "3 min ago"); null: only on store changes.</summary>
    protected virtual TimeSpan? RedrawEvery => null;

    protected override void OnInitialized()
    {
        throttle = new RenderThrottle(Time, MinimumRedrawInterval, () => _ = InvokeAsync(Redraw));
        Store.Changed += OnStoreChanged;
        if (RedrawEvery is { } period)
        {
            clock = Time.CreateTimer(_ => throttle.Request(), null, period, period);
        }
        ReadStore();
    }

    /// <summary>Builds the component's view of the store; called before the first render and before each redraw.</summary>
    protected virtual void ReadStore()
    {
    }

    private void Redraw()
    {
        ReadStore();
        StateHasChanged();
    }

    private void OnStoreChanged(DashboardChange change)
    {
        if ((change & RedrawOn) != DashboardChange.None)
        {
            throttle?.Request();
        }
    }

    /// <summary>Called first when the component goes away, for what it holds besides its store subscription (a request in flight).</summary>
    protected virtual void OnDisposing()
    {
    }

    public void Dispose()
    {
        OnDisposing();
        Store.Changed -= OnStoreChanged;
        throttle?.Dispose();
        clock?.Dispose();
    }
}
