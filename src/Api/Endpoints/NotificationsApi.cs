using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Audit;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
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
        channels.MapGet("/", ListChannels).WithName(nameof(ListChannels)).Requires(ApiAction.ManageChannels)
            .WithSummary("List the notification channels; secrets, routing keys and Slack URLs are masked.");
        var channel = channels.MapGroup("/{channelId}").ProducesValidationProblem();
        channel.MapGet("/", GetChannel).WithName(nameof(GetChannel)).Requires(ApiAction.ManageChannels)
            .WithSummary("Get a notification channel; its secret, routing key and a Slack URL are masked.");
        channel.MapPut("/", PutChannel).WithName(nameof(PutChannel)).Requires(ApiAction.ManageChannels)
            .WithSummary("Create or replace a notification channel (slack, pagerduty, webhook or retrain). Sending a masked secret, routing key or Slack url back keeps the stored one only while url and type are unchanged; a changed destination needs them in full (400 naming the field).");
        channel.MapDelete("/", DeleteChannel).WithName(nameof(DeleteChannel)).Requires(ApiAction.ManageChannels)
            .WithSummary("Delete a notification channel.");
        channel.MapPost("/test", TestChannel).WithName(nameof(TestChannel)).Requires(ApiAction.ManageChannels).WithMetadata(new NotAuditedAttribute())
            .WithSummary("Send one test message to the channel, now: one attempt, no retries, nothing recorded. The answer says whether it was delivered, the channel's HTTP status and the error.");

        var silences = api.MapGroup("/silences").WithTags("Notifications");
        silences.MapGet("/", ListSilences).WithName(nameof(ListSilences)).Requires(ApiAction.Read)
            .WithSummary("List silences, newest first; expired ones only with includeExpired=true.");
        silences.MapPost("/", PostSilence).WithName(nameof(PostSilence)).Requires(ApiAction.EditSilences)
            .WithSummary("Silence alerts matching a model, rule and/or severity until endsAt: they still fire and show, but notify nobody.")
            .ProducesValidationProblem();
        silences.MapDelete("/{silenceId}", DeleteSilence).WithName(nameof(DeleteSilence)).Requires(ApiAction.EditSilences)
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

    /// <summary>A key scoped to some models sees the silences of its models and those of no model in particular.</summary>
    public static async Task<Ok<IReadOnlyList<Silence>>> ListSilences(IGrainFactory grains, ClaimsPrincipal user, bool includeExpired = false)
    {
        var scope = Caller.ScopeOf(user);
        return TypedResults.Ok<IReadOnlyList<Silence>>((await Config(grains).ListSilences(includeExpired))
            .Where(silence => silence.Matchers?.ModelId is not { } modelId || scope.Allows(modelId)).ToArray());
    }

    public static async Task<Created<Silence>> PostSilence(Silence body, IGrainFactory grains, TimeProvider clock, ClaimsPrincipal user)
    {
        var valid = SilenceValidator.Validate(body, clock.GetUtcNow());
        if (!Reaches(user, valid))
        {
            throw new ProblemException(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Outside the key's scope",
                Detail = $"matchers.modelId: the key '{user.Identity?.Name}' may silence only models of its scope ({string.Join(", ", Caller.ScopeOf(user).Patterns)}); name one of them. Only an admin may silence other models or all of them.",
            });
        }
        var silence = await Config(grains).AddSilence(valid);
        return TypedResults.Created($"/api/v1/silences/{silence.Id}", silence);
    }

    /// <summary>A silence beyond the caller's reach is not found, as it is not listed.</summary>
    public static async Task<Results<NoContent, NotFoundProblem>> DeleteSilence(string silenceId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var config = Config(grains);
        var silence = (await config.ListSilences(includeExpired: true)).FirstOrDefault(silence => silence.Id == silenceId);
        return silence is not null && Reaches(user, silence) && await config.DeleteSilence(silenceId)
            ? TypedResults.NoContent()
            : Problems.SilenceNotFound(silenceId);
    }

    /// <summary>Whether the silence's matchers stay within the caller's scope: an admin reaches every model, others must name one of theirs.</summary>
    private static bool Reaches(ClaimsPrincipal user, Silence silence)
    {
        var scope = Caller.ScopeOf(user);
        return Caller.IsAdmin(user) || scope.IsAll || (silence.Matchers?.ModelId is { } modelId && scope.Allows(modelId));
    }

    private static INotificationConfigGrain Config(IGrainFactory grains) => grains.GetGrain<INotificationConfigGrain>(Names.FleetKey);

    private static string CheckId(string channelId) => ModelId.IsValid(channelId)
        ? channelId
        : throw new InvalidRequestException("channelId", $"'{channelId}' is not a valid channel id: use {ModelId.Rule}");
}
