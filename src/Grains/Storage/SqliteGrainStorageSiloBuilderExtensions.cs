using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace ModelOps.Grains.Storage;

public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a SQLite grain storage provider under <paramref name="name"/>, the <c>storageName</c> of <c>[PersistentState]</c>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure) =>
        builder.ConfigureServices(services =>
        {
            services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
            services.ConfigureNamedOptionForLogging<SqliteGrainStorageOptions>(name);
            services.AddGrainStorage(name, CreateStorage);
        });

    /// <summary>Adds a SQLite grain storage provider used by <c>[PersistentState]</c> without a <c>storageName</c>.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Reminders in the SQLite file of the storage provider <paramref name="storageName"/> (a table of their own), so
    /// they survive a restart of the embedded silo.
    /// </summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, string storageName) =>
        builder.AddReminders().ConfigureServices(services => services.AddSingleton<IReminderTable>(provider =>
            new SqliteReminderTable(provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(storageName))));

    // The Orleans binary serializer, not the silo's JSON default: state records are [GenerateSerializer] with [Id]s,
    // which is the version-tolerant contract this project already keeps stable.
    private static SqliteGrainStorage CreateStorage(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
        new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
        services.GetRequiredService<IActivatorProvider>());
}
