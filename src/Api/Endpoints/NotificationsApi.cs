using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Audit;
using ModelOps.Api.Errors;
using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;

namespace ModelOps.Api.Endpoints;

/// <summary>Notification channels and silences, shared by the fleet.</summary>
public static class NotificationsApi
{
    internal static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Notifications");
        channels.MapGet("/", ListChannels).WithName(nameof(ListChannels))
            .WithSummary("List the notification channels; secrets, routing keys and Slack URLs are masked.");
        var channel = channels.MapGroup("/{channelId}").ProducesValidationProblem();
        channel.MapGet("/", GetChannel).WithName(nameof(GetChannel))
            .WithSummary("Get a notification channel; its secret, routing key and a Slack URL are masked.");
        channel.MapPut("/", PutChannel).WithName(nameof(PutChannel))
            .WithSummary("Create or replace a notification channel (slack, pagerduty, webhook or retrain). Sending a masked secret, routing key or Slack url back keeps the stored one only while url and type are unchanged; a changed destination needs them in full (400 naming the field).");
        channel.MapDelete("/", DeleteChannel).WithName(nameof(DeleteChannel))
            .WithSummary("Delete a notification channel.");
        channel.MapPost("/test", TestChannel).WithName(nameof(TestChannel)).WithMetadata(new NotAuditedAttribute())
            .WithSummary("Send one test message to the channel, now: one attempt, no retries, nothing recorded. The answer says whether it was delivered, the channel's HTTP status and the error.");

        var silences = api.MapGroup("/silences").WithTags("Notifications");
        silences.MapGet("/", ListSilences).WithName(nameof(ListSilences))
            .WithSummary("List silences, newest first; expired ones only with includeExpired=true.");
        silences.MapPost("/", PostSilence).WithName(nameof(PostSilence))
            .WithSummary("Silence alerts matching a model, rule and/or severity until endsAt: they still fire and show, but notify nobody.")
            .ProducesValidationProblem();
        silences.MapDelete("/{silenceId}", DeleteSilence).WithName(nameof(DeleteSilence))
            .WithSummary("End a silence now.");
    }

    public static async Task<Ok<IReadOnlyList<NotificationChannel>>> ListChannels(IGrainFactory grains) =>
        TypedResults.Ok(await Config(grains).ListChannels());

    public static async Task<Results<Ok<NotificationChannel>, NotFoundProblem>> GetChannel(string channelId, IGrainFactory grains) =>
        await Config(grains).GetChannel(CheckId(channelId), reveal: false) is { } channel
            ? TypedResults.Ok(channel)
            : Problems.ChannelNotFound(channelId);

    public static async Task<Ok<NotificationChannel>> PutChannel(string channelId, NotificationChannel body, IGrainFactory grains) =>
        TypedResults.Ok(await Config(grains).PutChannel(CheckId(channelId), body));

    public static async Task<Results<NoContent, NotFoundProblem>> DeleteChannel(string channelId, IGrainFactory grains) =>
        await Config(grains).DeleteChannel(CheckId(channelId))
            ? TypedResults.NoContent()
            : Problems.ChannelNotFound(channelId);

    public static async Task<Results<Ok<ChannelTestResult>, NotFoundProblem>> TestChannel(string channelId, IGrainFactory grains) =>
        await grains.GetGrain<IChannelTestGrain>(0).Test(CheckId(channelId)) is { } result
            ? TypedResults.Ok(result)
            : Problems.ChannelNotFound(channelId);

    public static async Task<Ok<IReadOnlyList<Silence>>> ListSilences(IGrainFactory grains, bool includeExpired = false) =>
        TypedResults.Ok(await Config(grains).ListSilences(includeExpired));

    public static async Task<Created<Silence>> PostSilence(Silence body, IGrainFactory grains, TimeProvider clock)
    {
        var silence = await Config(grains).AddSilence(SilenceValidator.Validate(body, clock.GetUtcNow()));
        return TypedResults.Created($"/api/v1/silences/{silence.Id}", silence);
    }

    public static async Task<Results<NoContent, NotFoundProblem>> DeleteSilence(string silenceId, IGrainFactory grains) =>
        await Config(grains).DeleteSilence(silenceId)
            ? TypedResults.NoContent()
            : Problems.SilenceNotFound(silenceId);

    private static INotificationConfigGrain Config(IGrainFactory grains) => grains.GetGrain<INotificationConfigGrain>(Names.FleetKey);

    private static string CheckId(string channelId) => ModelId.IsValid(channelId)
        ? channelId
        : throw new InvalidRequestException("channelId", $"'{channelId}' is not a valid channel id: use {ModelId.Rule}");
}
