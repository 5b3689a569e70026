using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>A graceful restart on the same SQLite file keeps models, their counts and their history.</summary>
public sealed class RestartTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_graceful_restart_keeps_the_model_its_counts_and_its_history()
    {
        var dataDir = Directory.CreateTempSubdirectory("modelops-restart-").FullName;
        try
        {
            ModelView before;
            await using (var first = new ModelOpsServer(dataDir))
            {
                await first.Client.PutModelAsync("survivor", TestData.Classifier("Survivor") with { Drift = new ModelDriftSettings { BaselineSize = 100 } }, cancel);
                await first.Client.PostEventsAsync("survivor", TestData.Events(1000), cancel);
                before = (await first.Client.GetModelAsync("survivor", cancel))!;
            }

            await using var second = new ModelOpsServer(dataDir);
            var after = await second.Client.GetModelAsync("survivor", cancel);

            Assert.NotNull(after);
            Assert.Equal(("Survivor", "1.0.0", before.CreatedAt), (after.Name, after.Version, after.CreatedAt));
            Assert.Equal(1000, after.Metrics.Count);
            Assert.Equal(750, after.Metrics.LabelCount);
            Assert.Equal(before.Metrics.Accuracy, after.Metrics.Accuracy);
            Assert.Equal(before.Metrics.Latency, after.Metrics.Latency);
            Assert.Equal(1000, after.History.Sum(p => p.Count));
            Assert.Contains(await second.Client.ListModelsAsync(cancel), m => m.Id == "survivor");
            var drift = await second.Http.GetFromJsonAsync("/api/v1/models/survivor/drift", ModelOpsJsonContext.Default.DriftReport, cancel);
            Assert.Equal(("auto", 100L), (drift!.Baseline!.Source, drift.Baseline.Count));
            Assert.Equal(900, drift.Window.Count);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_graceful_stop_closes_stream_clients_with_a_reason_instead_of_waiting_for_them()
    {
        var server = new ModelOpsServer();
        await server.Client.PutModelAsync("closing", TestData.Classifier(), cancel);
        await using var stream = await server.ConnectStreamAsync("closing");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in stream.ReadAllAsync(deadline.Token))
            {
            }
        }, cancel);

        await server.DisposeAsync();
        await reading;

        Assert.Equal("server shutting down", stream.CloseReason);
        Directory.Delete(server.DataDir, recursive: true);
    }
}
