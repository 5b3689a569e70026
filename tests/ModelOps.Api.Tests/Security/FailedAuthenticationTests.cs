using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Api.Security;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>Failed authentications are counted per client address and, past the limit, refused with 429 for any key.</summary>
public sealed class FailedAuthenticationTests
{
    [Fact]
    public async Task Past_the_failures_per_minute_an_address_gets_429_with_Retry_After_even_with_a_valid_key()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var secure = new SecureServer(new Dictionary<string, string> { ["ModelOps:Auth:FailuresPerMinute"] = "3" });
        // Only this server's meter: other servers of the test process count on meters of the same name.
        var counted = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        var meters = secure.Server.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Name == "modelops.auth.failures" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                counted.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
            }
        });
        listener.Start();
        using var guessing = secure.ClientFor(SecureServer.NewSecret());
        for (var i = 0; i < 3; i++)
        {
            using var refused = await guessing.GetAsync("api/v1/models", cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var throttled = await guessing.GetAsync("api/v1/models", cancel);
        using var valid = await secure.Admin.GetAsync("api/v1/models", cancel);
        using var signIn = await secure.ClientFor(null).PostAsJsonAsync("api/v1/session", new SessionRequest { Key = secure.AdminKey }, ModelOpsJsonContext.Default.SessionRequest, cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.Equal([("throttled", 3L), ("unknown", 3L)], counted.Select(pair => (pair.Key, pair.Value)).Order());
    }

    [Fact]
    public void The_table_of_addresses_is_bounded()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton(TimeProvider.System)
            .AddSingleton<Grains.Telemetry.ServiceMetrics>()
            .Configure<AuthOptions>(options => options.MaxTrackedAddresses = 16)
            .AddSingleton<FailedAuthentications>()
            .BuildServiceProvider();
        var failures = services.GetRequiredService<FailedAuthentications>();

        for (var i = 0; i < 100; i++)
        {
            failures.Record(new IPAddress([10, 0, 0, (byte)i]), FailedAuthentications.Reasons.Unknown);
        }

        Assert.Equal(16, failures.TrackedAddresses);
    }
}
