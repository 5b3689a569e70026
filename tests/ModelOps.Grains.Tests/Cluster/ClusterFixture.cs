using ModelOps.Grains.Alerting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Models;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Serialization;
using ModelOps.Grains.Storage;
using ModelOps.Grains.Streaming;
using ModelOps.Grains.Telemetry;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>
/// Two silos sharing one SQLite file, configured as the embedded silo is, started once for every test of
/// <see cref="ClusterCollection"/>. Each test uses model ids of its own, so tests do not see each other's models.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 2;
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

    private const string DataDirectoryKey = "ModelOpsTests:DataDirectory";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("modelops-cluster-").FullName;

    public ClusterFixture()
    {
        var builder = new TestClusterBuilder(SiloCount);
        builder.Properties[DataDirectoryKey] = dataDirectory;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
    }

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var dataDirectory = silo.Configuration[DataDirectoryKey]
                ?? throw new InvalidOperationException($"The test cluster did not pass {DataDirectoryKey} to the silo.");
            silo.AddSqliteGrainStorage(Names.Storage, storage => storage.DataDirectory = dataDirectory);
            silo.AddModelOpsStreams();
            silo.Services.AddSerializer(serializer => serializer.AddContractSerialization());
            silo.Services.Configure<MonitoringOptions>(options => options.TickInterval = TickInterval);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddModelOpsNotifications().Configure<NotificationOptions>(options => options.AllowPrivateNetworks = true);
            silo.Services.AddSingleton<INotificationDispatcher, RecordingDispatcher>();
            silo.UseInMemoryReminderService();
            silo.AddModelOpsMetrics();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            client.AddMemoryStreams(Names.StreamProvider);
            client.Services.AddSerializer(serializer => serializer.AddContractSerialization());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster";
}
