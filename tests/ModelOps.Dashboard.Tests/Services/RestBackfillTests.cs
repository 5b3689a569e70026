using Microsoft.Extensions.Logging.Abstractions;
using ModelOps.Contracts;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.Tests.Fakes;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.Services;

public sealed class RestBackfillTests : IAsyncDisposable
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private readonly LoopbackApi api = new();
    private readonly DashboardStore store = new();
    private readonly RestBackfill backfill;

    public RestBackfillTests()
    {
        backfill = new RestBackfill(store, api.Client, NullLogger<RestBackfill>.Instance);
        backfill.Start();
    }

    [Fact]
    public async Task On_connect_the_existing_alerts_are_loaded_open_ones_asked_for_by_state()
    {
        api.Answer<IReadOnlyList<AlertView>>("GET", "/api/v1/alerts?limit=200&state=firing", [TestAlerts.Firing()], Json.IReadOnlyListAlertView);
        api.Answer<IReadOnlyList<AlertView>>("GET", "/api/v1/alerts?limit=200&state=pending", [TestAlerts.Pending()], Json.IReadOnlyListAlertView);
        api.Answer<IReadOnlyList<AlertView>>("GET", "/api/v1/alerts?limit=50&state=resolved", [TestAlerts.Resolved()], Json.IReadOnlyListAlertView);

        store.SetConnection(ConnectionState.Connected);

        await store.UntilAsync(s => s.Alerts.Count == 3, "the three alerts to load");
        Assert.Equal(["churn-4", "fraud-1", "fraud-0"], store.Alerts.Select(alert => alert.Id));
        Assert.Equal(
            ["GET /api/v1/alerts?limit=200&state=firing", "GET /api/v1/alerts?limit=200&state=pending", "GET /api/v1/alerts?limit=50&state=resolved"],
            api.Requests.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task When_a_model_becomes_active_its_latest_events_are_loaded()
    {
        api.Answer<IReadOnlyList<InferenceEvent>>("GET", "/api/v1/models/churn/logs?limit=200",
            [TestEvents.Event(2), TestEvents.Event(1)], Json.IReadOnlyListInferenceEvent);

        store.Apply(TestModels.InitialState("churn", TestModels.WithoutLabels()));

        await store.UntilAsync(s => s.Logs.Count == 2, "the churn model's events to load");
        Assert.Equal(["req-2", "req-1"], store.Logs.Select(e => e.Id));
        Assert.Equal(["GET /api/v1/models/churn/logs?limit=200"], api.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        backfill.Dispose();
        await api.DisposeAsync();
    }
}
