using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Ingest;
using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;

namespace ModelOps.Api.Endpoints;

/// <summary>Notification channels and silences, shared by the fleet.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var channels = routes.MapGroup("/api/v1/channels").WithTags("Notifications");
        channels.MapGet("/", ListChannels).WithName(nameof(ListChannels))
            .WithSummary("List the notification channels; secrets and routing keys are masked.");
        var channel = channels.MapGroup("/{channelId}").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        channel.MapGet("/", GetChannel).WithName(nameof(GetChannel))
            .WithSummary("Get a notification channel; its secret and routing key are masked.");
        channel.MapPut("/", PutChannel).WithName(nameof(PutChannel))
            .WithSummary("Create or replace a notification channel (slack, pagerduty, webhook or retrain). Sending a masked secret back keeps the stored one.")
            .Accepts<NotificationChannel>("application/json");
        channel.MapDelete("/", DeleteChannel).WithName(nameof(DeleteChannel))
            .WithSummary("Delete a notification channel.");
        channel.MapPost("/test", TestChannel).WithName(nameof(TestChannel))
            .WithSummary("Send one test message to the channel, now: one attempt, no retries, nothing recorded. The answer says whether it was delivered, the channel's HTTP status and the error.");

        var silences = routes.MapGroup("/api/v1/silences").WithTags("Notifications");
        silences.MapGet("/", ListSilences).WithName(nameof(ListSilences))
            .WithSummary("List silences, newest first; expired ones only with includeExpired=true.");
        silences.MapPost("/", PostSilence).WithName(nameof(PostSilence))
            .WithSummary("Silence alerts matching a model, rule and/or severity until endsAt: they still fire and show, but notify nobody.")
            .Accepts<Silence>("application/json")
            .ProducesValidationProblem();
        silences.MapDelete("/{silenceId}", DeleteSilence).WithName(nameof(DeleteSilence))
            .WithSummary("End a silence now.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<NotificationChannel>>> ListChannels(IGrainFactory grains) =>
        TypedResults.Ok(await Config(grains).ListChannels());

    public static async Task<Results<Ok<NotificationChannel>, ProblemHttpResult>> GetChannel(string channelId, IGrainFactory grains) =>
        await Config(grains).GetChannel(CheckId(channelId), reveal: false) is { } channel
            ? TypedResults.Ok(channel)
            : TypedResults.Problem(ChannelNotFound(channelId));

    public static async Task<Ok<NotificationChannel>> PutChannel(
        string channelId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        CheckId(channelId);
        var body = await JsonBody.ReadAsync(request, ModelOpsJsonContext.Default.NotificationChannel, api.Value.MaxBodyBytes, cancellationToken);
        return TypedResults.Ok(await Config(grains).PutChannel(channelId, body));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteChannel(string channelId, IGrainFactory grains) =>
        await Config(grains).DeleteChannel(CheckId(channelId))
            ? TypedResults.NoContent()
            : TypedResults.Problem(ChannelNotFound(channelId));

    public static async Task<Results<Ok<ChannelTestResult>, ProblemHttpResult>> TestChannel(string channelId, IGrainFactory grains) =>
        await grains.GetGrain<IChannelTestGrain>(0).Test(CheckId(channelId)) is { } result
            ? TypedResults.Ok(result)
            : TypedResults.Problem(ChannelNotFound(channelId));

    public static async Task<Ok<IReadOnlyList<Silence>>> ListSilences(IGrainFactory grains, bool includeExpired = false) =>
        TypedResults.Ok(await Config(grains).ListSilences(includeExpired));

    public static async Task<Created<Silence>> PostSilence(HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> api, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ModelOpsJsonContext.Default.Silence, api.Value.MaxBodyBytes, cancellationToken);
        var silence = await Config(grains).AddSilence(SilenceValidator.Validate(body, clock.GetUtcNow()));
        return TypedResults.Created($"/api/v1/silences/{silence.Id}", silence);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSilence(string silenceId, IGrainFactory grains) =>
        await Config(grains).DeleteSilence(silenceId)
            ? TypedResults.NoContent()
            : TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Silence not found",
                Detail = $"No silence '{silenceId}'. List them with GET /api/v1/silences?includeExpired=true.",
            });

    private static INotificationConfigGrain Config(IGrainFactory grains) => grains.GetGrain<INotificationConfigGrain>(Names.FleetKey);

    private static string CheckId(string channelId) => ModelId.IsValid(channelId)
        ? channelId
        : throw new InvalidRequestException("channelId", $"'{channelId}' is not a valid channel id: use {ModelId.Rule}");

    private static Microsoft.AspNetCore.Mvc.ProblemDetails ChannelNotFound(string channelId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Channel not found",
        Detail = $"No channel '{channelId}'. Create it with PUT /api/v1/channels/{channelId} and a body such as " +
                 """{"type": "slack", "url": "https://hooks.slack.com/services/…", "minSeverity": "warning"}.""",
    };
}
