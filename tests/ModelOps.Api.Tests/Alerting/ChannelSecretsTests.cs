using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Notifications;
using Orleans.Storage;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// What a channel holds stays in it: secrets sealed in the SQLite file, masked on every read, and a masked value never
/// follows a channel to a new destination. Each test runs a server of its own, so it can read that server's file.
/// </summary>
public sealed class ChannelSecretsTests
{
    private const string RoutingKey = "pd-routing-key-sealed-0123456789";
    private const string Secret = "hook-secret-sealed-abcdef";
    private const string SlackToken = "xoxb-sealed-slack-token-9876";
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_routing_keys_and_slack_urls_are_absent_from_the_data_directory_and_still_delivered_after_a_restart()
    {
        await using var pagerDuty = await HookReceiver.StartAsync();
        await using var webhook = await HookReceiver.StartAsync();
        await using var slack = await HookReceiver.StartAsync();
        string dataDir;
        await using (var server = AlertingServer.Start())
        {
            dataDir = server.DataDir;
            await server.Client.PutChannelAsync("sealed-pd", PagerDuty(pagerDuty, "sealed", RoutingKey), cancel);
            await server.Client.PutChannelAsync("sealed-hook", Webhook(webhook.Url(), "sealed", Secret), cancel);
            await server.Client.PutChannelAsync("sealed-slack", Slack(slack, "sealed"), cancel);
        }
        var storedFiles = StoredText(dataDir);
        ChannelTestResult[] tested;
        await using (var restarted = AlertingServer.Start(dataDir))
        {
            tested = [
                await restarted.Client.TestChannelAsync("sealed-pd", cancel),
                await restarted.Client.TestChannelAsync("sealed-hook", cancel),
                await restarted.Client.TestChannelAsync("sealed-slack", cancel),
            ];
        }

        try
        {
            Assert.Equal(["keys", "modelops.db"], storedFiles.Keys.Select(Path.GetFileName).Where(name => name is "modelops.db" or "keys").Order());
            Assert.All(storedFiles, file => Assert.DoesNotContain(RoutingKey, file.Value));
            Assert.All(storedFiles, file => Assert.DoesNotContain(Secret, file.Value));
            Assert.All(storedFiles, file => Assert.DoesNotContain(SlackToken, file.Value));
            Assert.All(tested, result => Assert.Equal(new ChannelTestResult(true, 200, null), result));
            Assert.Equal(RoutingKey, Assert.Single(pagerDuty.Requests).Json["routing_key"]!.GetValue<string>());
            var signed = Assert.Single(webhook.Requests);
            Assert.Equal(Signature(signed.Body, Secret, signed.Header(WebhookHeaders.Signature)), signed.Header(WebhookHeaders.Signature));
            Assert.Equal($"/services/T0/B0/{SlackToken}", Assert.Single(slack.Requests).Path);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Channels_stored_in_clear_by_an_older_version_load_and_are_sealed_when_the_grain_wakes()
    {
        await using var pagerDuty = await HookReceiver.StartAsync();
        string dataDir;
        await using (var older = AlertingServer.Start())
        {
            dataDir = older.DataDir;
            // What a version before sealing wrote: the channel as validated, its routing key in clear.
            var grain = older.Services.GetRequiredService<IGrainFactory>().GetGrain<INotificationConfigGrain>(Names.FleetKey);
            var storage = older.Services.GetRequiredKeyedService<IGrainStorage>(Names.Storage);
            var state = new GrainState<NotificationConfigState>(new NotificationConfigState { Version = 1 });
            state.State!.Channels["clear-pd"] = ChannelValidator.Validate("clear-pd", PagerDuty(pagerDuty, "clear", RoutingKey), allowPrivateNetworks: true);
            await storage.WriteStateAsync("notifications", grain.GetGrainId(), state);
        }
        var legacyFile = StoredText(dataDir);
        NotificationChannel? shown;
        ChannelTestResult tested;
        await using (var upgraded = AlertingServer.Start(dataDir))
        {
            shown = await upgraded.Http.GetFromJsonAsync("/api/v1/channels/clear-pd", ModelOpsJsonContext.Default.NotificationChannel, cancel);
            tested = await upgraded.Client.TestChannelAsync("clear-pd", cancel);
        }
        var migratedFile = StoredText(dataDir);

        try
        {
            Assert.Contains(legacyFile.Values, text => text.Contains(RoutingKey, StringComparison.Ordinal));
            Assert.Equal("••••6789", shown!.RoutingKey);
            Assert.Equal(new ChannelTestResult(true, 200, null), tested);
            Assert.Equal(RoutingKey, Assert.Single(pagerDuty.Requests).Json["routing_key"]!.GetValue<string>());
            Assert.All(migratedFile, file => Assert.DoesNotContain(RoutingKey, file.Value));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_and_the_sqlite_file_are_created_owner_only()
    {
        var parent = Directory.CreateTempSubdirectory("modelops-modes-").FullName;
        var dataDir = Path.Combine(parent, "data");
        try
        {
            await using (var server = new ModelOpsServer(dataDir))
            {
                await server.Client.PutModelAsync("modes", TestData.Classifier(), cancel);
            }

            Assert.Equal(
                [("data", "700"), ("modelops.db", "600"), ("keys", "700")],
                new[] { dataDir, Path.Combine(dataDir, "modelops.db"), Path.Combine(dataDir, "keys") }
                    .Select(path => (Path.GetFileName(path), Convert.ToString((int)File.GetUnixFileMode(path), 8))));
            Assert.All(Directory.GetFiles(dataDir, "modelops.db*"), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    public static TheoryData<string, string, string> DestinationChanges => new()
    {
        { "hook", """{"type":"webhook","url":"http://127.0.0.1:9/elsewhere","secret":"••••cdef","models":["moved"]}""", "secret" },
        { "hook", """{"type":"retrain","url":"{url}","secret":"••••cdef","models":["moved"]}""", "secret" },
        { "pd", """{"type":"pagerduty","url":"http://127.0.0.1:9/v2/enqueue","routingKey":"••••6789","models":["moved"]}""", "routingKey" },
    };

    [Theory]
    [MemberData(nameof(DestinationChanges))]
    public async Task A_masked_secret_is_refused_naming_the_field_when_the_url_or_type_changes_and_the_channel_stays_as_it_was(
        string channel, string body, string field)
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var server = AlertingServer.Start();
        try
        {
            await server.Client.PutChannelAsync("moved-hook", Webhook(receiver.Url(), "moved", Secret), cancel);
            await server.Client.PutChannelAsync("moved-pd", PagerDuty(receiver, "moved", RoutingKey), cancel);
            var before = await server.Http.GetStringAsync($"/api/v1/channels/moved-{channel}", cancel);

            using var response = await server.Http.PutAsync($"/api/v1/channels/moved-{channel}",
                new StringContent(body.Replace("{url}", receiver.Url()), Encoding.UTF8, "application/json"), cancel);

            await AssertInvalidAsync(response, field,
                "the channel's url or type changes: send it in full, not masked, so that a stored secret never follows a channel to a new destination");
            Assert.Equal(before, await server.Http.GetStringAsync($"/api/v1/channels/moved-{channel}", cancel));
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(server.DataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_slack_url_is_masked_on_read_and_a_put_of_the_masked_channel_keeps_the_real_url_while_a_new_url_needs_the_secret_in_full()
    {
        await using var slack = await HookReceiver.StartAsync();
        await using var hook = await HookReceiver.StartAsync();
        await using var server = AlertingServer.Start();
        try
        {
            var put = await server.Client.PutChannelAsync("masked-slack", Slack(slack, "slacked"), cancel);
            var listed = (await server.Client.ListChannelsAsync(cancel)).Single(channel => channel.Id == "masked-slack");
            var shown = await server.Http.GetFromJsonAsync("/api/v1/channels/masked-slack", ModelOpsJsonContext.Default.NotificationChannel, cancel);
            var kept = await server.Client.PutChannelAsync("masked-slack", shown!, cancel);
            var tested = await server.Client.TestChannelAsync("masked-slack", cancel);
            using var retyped = await server.Http.PutAsJsonAsync("/api/v1/channels/masked-slack",
                shown! with { Type = ChannelTypes.Webhook }, ModelOpsJsonContext.Default.NotificationChannel, cancel);
            await server.Client.PutChannelAsync("masked-hook", Webhook(hook.Url(), "slacked", Secret), cancel);
            var hookShown = await server.Http.GetFromJsonAsync("/api/v1/channels/masked-hook", ModelOpsJsonContext.Default.NotificationChannel, cancel);
            var moved = await server.Client.PutChannelAsync("masked-hook", hookShown! with { Url = hook.Url("moved"), Secret = Secret + "-2" }, cancel);

            var masked = $"{slack.Root.GetLeftPart(UriPartial.Authority)}/••••9876";
            Assert.Equal([masked, masked, masked, masked], new[] { put.Url!, listed.Url!, shown.Url!, kept.Url! });
            Assert.Equal(new ChannelTestResult(true, 200, null), tested);
            Assert.Equal($"/services/T0/B0/{SlackToken}", Assert.Single(slack.Requests).Path);
            await AssertInvalidAsync(retyped, "url", "is a masked value that names no stored Slack URL of this channel: send the url in full");
            Assert.Equal((hook.Url("moved"), "••••ef-2"), (moved.Url, moved.Secret));
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(server.DataDir, recursive: true);
        }
    }

    private static NotificationChannel Slack(HookReceiver receiver, string modelId) =>
        new() { Type = ChannelTypes.Slack, Url = receiver.Url($"services/T0/B0/{SlackToken}"), Models = [modelId] };

    /// <summary>Every file under the data directory, read as Latin-1 so that any byte sequence of an ASCII secret is found.</summary>
    private static Dictionary<string, string> StoredText(string dataDir) =>
        Directory.GetFileSystemEntries(dataDir, "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, path => File.Exists(path) ? Encoding.Latin1.GetString(File.ReadAllBytes(path)) : "");
}
