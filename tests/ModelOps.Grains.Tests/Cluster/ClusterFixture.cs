using ModelOps.Grains.Alerting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Hosting;
using ModelOps.Grains.Serialization;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>
/// Two silos sharing one SQLite file, set up by the product's own <see cref="ModelOpsSiloBuilderExtensions.AddModelOpsGrains"/>
/// from the same configuration keys, started once for every test of <see cref="ClusterCollection"/>. Each test uses
/// model ids of its own, so tests do not see each other's models.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 2;
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("modelops-cluster-").FullName;

    public ClusterFixture()
    {
        var builder = new TestClusterBuilder(SiloCount);
        // The test cluster hands its properties to each silo as configuration.
        builder.Properties[ModelOpsSiloBuilderExtensions.DataDirKey] = dataDirectory;
        builder.Properties["ModelOps:TickInterval"] = TickInterval.ToString();
        builder.Properties["ModelOps:Notifications:AllowPrivateNetworks"] = "true";
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
            silo.AddModelOpsGrains();
            silo.Services.AddSingleton<INotificationDispatcher, RecordingDispatcher>();
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
