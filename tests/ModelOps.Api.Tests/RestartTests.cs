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
                await first.Client.PutModelAsync("survivor", TestData.Classifier("Survivor"), cancel);
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
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
