using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.Tests.Fakes;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.Services;

public sealed class LiveConnectionTests : IAsyncLifetime
{
    private readonly FakeStreamConnector connector = new();
    private readonly DashboardStore store = new();
    private readonly FakeTimeProvider time = new(TestModels.Now);
    private readonly LiveConnection connection;

    public LiveConnectionTests() =>
        connection = new LiveConnection(connector, store, time, NullLogger<LiveConnection>.Instance);

    public ValueTask InitializeAsync()
    {
        connection.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    [Fact]
    public async Task Connects_without_a_model_and_applies_the_initial_state_the_server_sends()
    {
        var attempt = await connector.NextAttemptAsync();
        var session = attempt.Accept();

        session.Send(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        await store.UntilAsync(s => s.ActiveModelId == "fraud", "the initial state to name fraud as active");

        Assert.Null(attempt.ModelId);
        Assert.Equal(ConnectionState.Connected, store.Connection);
        Assert.Equal(["churn", "fraud"], store.Models.Keys.Order());
    }

    [Fact]
    public async Task After_the_stream_drops_it_reconnects_for_the_active_model_and_resyncs_from_initial_state()
    {
        var first = (await connector.NextAttemptAsync()).Accept();
        first.Send(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        first.Send(new ActiveModelChangedMessage("churn"));
        await store.UntilAsync(s => s.ActiveModelId == "churn", "churn to become active");

        first.Drop();
        await store.UntilAsync(s => s.Connection == ConnectionState.Disconnected, "the drop to show as Disconnected");
        time.Advance(TimeSpan.FromMilliseconds(500));
        var retry = await connector.NextAttemptAsync();
        var second = retry.Accept();
        second.Send(TestModels.InitialState("churn", TestModels.WithoutLabels() with { Status = ModelStatus.Healthy }));
        await store.UntilAsync(s => s.Models.Count == 1, "the resync to drop the deleted model");

        Assert.Equal("churn", retry.ModelId);
        Assert.Equal(ConnectionState.Connected, store.Connection);
        Assert.Equal(ModelStatus.Healthy, store.ActiveModel?.Status);
    }

    [Fact]
    public async Task Retries_wait_twice_as_long_after_each_failure_and_start_over_after_a_connect()
    {
        (await connector.NextAttemptAsync()).Refuse();
        await store.UntilAsync(s => s.Connection == ConnectionState.Disconnected, "the first refusal");
        time.Advance(TimeSpan.FromMilliseconds(500));
        (await connector.NextAttemptAsync()).Refuse();
        await store.UntilAsync(s => s.Connection == ConnectionState.Disconnected, "the second refusal");

        time.Advance(TimeSpan.FromMilliseconds(999));
        var attemptsBeforeTheSecondElapsed = connector.AttemptCount;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var session = (await connector.NextAttemptAsync()).Accept();
        await store.UntilAsync(s => s.Connection == ConnectionState.Connected, "the third attempt to connect");
        session.Drop();
        await store.UntilAsync(s => s.Connection == ConnectionState.Disconnected, "the drop after connecting");
        time.Advance(TimeSpan.FromMilliseconds(500));
        await connector.NextAttemptAsync();

        Assert.Equal(2, attemptsBeforeTheSecondElapsed);
        Assert.Equal(4, connector.AttemptCount);
    }

    [Fact]
    public async Task Selecting_a_model_sends_select_model_on_the_open_stream()
    {
        var session = (await connector.NextAttemptAsync()).Accept();
        await store.UntilAsync(s => s.Connection == ConnectionState.Connected, "the stream to open");

        await connection.SelectModelAsync("churn");

        Assert.Equal(["churn"], session.SelectedModelIds);
    }

    [Fact]
    public async Task A_model_selected_while_disconnected_is_asked_for_when_reconnecting()
    {
        (await connector.NextAttemptAsync()).Refuse();
        await store.UntilAsync(s => s.Connection == ConnectionState.Disconnected, "the refusal");

        await connection.SelectModelAsync("churn");
        time.Advance(TimeSpan.FromMilliseconds(500));
        var retry = await connector.NextAttemptAsync();

        Assert.Equal("churn", retry.ModelId);
    }
}
