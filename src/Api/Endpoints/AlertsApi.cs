using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Audit;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Api.Insights;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Endpoints;

/// <summary>Alert rules of a model, alerts of a model and of the fleet, and the alert lifecycle.</summary>
public static class AlertsApi
{
    public const int MaxAlertLimit = 1000;

    internal static void MapAlertsApi(this RouteGroupBuilder api, RouteGroupBuilder modelGroup)
    {
        var model = modelGroup.Resource("Alerts");
        model.MapGet("/rules", GetRules).WithName(nameof(GetRules)).Requires(ApiAction.Read)
            .WithSummary("Get the model's alert rules.");
        model.MapPut("/rules", PutRules).WithName(nameof(PutRules)).Requires(ApiAction.EditRules)
            .WithSummary("Replace the model's alert rules; the set is validated whole and applied atomically.");
        model.MapGet("/alerts", GetModelAlerts).WithName(nameof(GetModelAlerts)).Requires(ApiAction.Read)
            .WithSummary("Get the model's alerts, newest first (state: pending, firing or resolved).");
        model.MapPost("/retrain", PostRetrain).WithName(nameof(PostRetrain)).Requires(ApiAction.Retrain)
            .WithSummary("Trigger retraining by hand: the model's retrain channels receive the model and the drift evidence.");
        model.MapGet("/retrains", GetRetrains).WithName(nameof(GetRetrains)).Requires(ApiAction.Read)
            .WithSummary("Get the model's retraining requests and their deliveries, newest first.");

        var alerts = api.MapGroup("/alerts").WithTags("Alerts").AddEndpointFilter<AlertScopeFilter>();
        alerts.MapGet("/", GetFleetAlerts).WithName(nameof(GetFleetAlerts)).Requires(ApiAction.Read)
            .WithSummary("Get the alerts of every model, newest first (state: pending, firing or resolved).")
            .ProducesValidationProblem();
        alerts.MapPost("/{alertId}/ack", AcknowledgeAlert).WithName(nameof(AcknowledgeAlert)).Requires(ApiAction.ActOnAlerts)
            .WithSummary("Acknowledge an open alert: it stays open but is no longer sent again.");
        alerts.MapPost("/{alertId}/resolve", ResolveAlert).WithName(nameof(ResolveAlert)).Requires(ApiAction.ActOnAlerts)
            .WithSummary("Resolve an alert by hand; channels that were told it fired are told it resolved.");
        alerts.MapPost("/{alertId}/insight", PostInsight).WithName(nameof(PostInsight)).Requires(ApiAction.AskInsight).WithMetadata(new NotAuditedAttribute())
            .WithSummary("Explain an alert from its evidence (the built-in analyst, or Gemini when configured); cached per alert until refresh=true. Limited per API key (ModelOps:AI:RequestsPerKeyPerMinute).")
            .WithMetadata(new CallerRateLimitAttribute(CallerRateLimits.Ai))
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static async Task<Results<Ok<AlertInsight>, NotFoundProblem>> PostInsight(string alertId, InsightService insights, CancellationToken cancellationToken, bool refresh = false) =>
        await insights.GetAsync(alertId, refresh, cancellationToken) is { } insight
            ? TypedResults.Ok(insight)
            : Problems.AlertNotFound(alertId);

    public static async Task<Ok<AlertRuleSet>> GetRules(string id, IGrainFactory grains) =>
        TypedResults.Ok(new AlertRuleSet(await grains.GetGrain<IModelGrain>(id).GetRules()));

    public static async Task<Ok<AlertRuleSet>> PutRules(string id, AlertRuleSet body, IGrainFactory grains) =>
        TypedResults.Ok(new AlertRuleSet(await grains.GetGrain<IModelGrain>(id).SetRules(body.Rules ?? throw new InvalidRequestException("rules", "required: an array of rules (may be empty)"))));

    public static async Task<Ok<IReadOnlyList<AlertView>>> GetModelAlerts(string id, IGrainFactory grains, string? state = null, int limit = 100) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetAlerts(ParseState(state), CheckLimit(limit)));

    public static async Task<Ok<IReadOnlyList<AlertView>>> GetFleetAlerts(IGrainFactory grains, ClaimsPrincipal user, string? state = null, int limit = 100)
    {
        var wanted = ParseState(state);
        CheckLimit(limit);
        var scope = Caller.ScopeOf(user);
        var ids = (await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).List()).Where(scope.Allows);
        var perModel = await Task.WhenAll(ids.Select(async modelId =>
        {
            try
            {
                return await grains.GetGrain<IModelGrain>(modelId).GetAlerts(wanted, limit);
            }
            catch (ModelNotFoundException)
            {
                return [];
            }
        }));
        return TypedResults.Ok<IReadOnlyList<AlertView>>(perModel.SelectMany(list => list)
            .OrderByDescending(alert => alert.StartedAt).ThenBy(alert => alert.Id, StringComparer.Ordinal)
            .Take(limit).ToArray());
    }

    public static Task<Results<Ok<AlertView>, NotFoundProblem>> AcknowledgeAlert(string alertId, AlertActionRequest? body, IGrainFactory grains) =>
        Act(alertId, grains, grain => grain.Acknowledge(alertId, body ?? new AlertActionRequest()));

    public static Task<Results<Ok<AlertView>, NotFoundProblem>> ResolveAlert(string alertId, AlertActionRequest? body, IGrainFactory grains) =>
        Act(alertId, grains, grain => grain.Resolve(alertId, body ?? new AlertActionRequest()));

    public static async Task<Accepted<RetrainView>> PostRetrain(string id, RetrainRequest? body, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IModelGrain>(id).Retrain(body ?? new RetrainRequest());
        return TypedResults.Accepted($"/api/v1/models/{id}/retrains", view);
    }

    public static async Task<Ok<IReadOnlyList<RetrainView>>> GetRetrains(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetRetrains());

    private static async Task<Results<Ok<AlertView>, NotFoundProblem>> Act(string alertId, IGrainFactory grains, Func<IModelGrain, Task<AlertView?>> action)
    {
        if (!AlertIds.TryParseModelId(alertId, out var modelId) || !ModelId.IsValid(modelId))
        {
            return Problems.AlertNotFound(alertId);
        }
        try
        {
            return await action(grains.GetGrain<IModelGrain>(modelId!)) is { } alert
                ? TypedResults.Ok(alert)
                : Problems.AlertNotFound(alertId);
        }
        catch (ModelNotFoundException)
        {
            return Problems.AlertNotFound(alertId);
        }
    }

    private static AlertState? ParseState(string? state) => state switch
    {
        null or "" => null,
        "pending" => AlertState.Pending,
        "firing" => AlertState.Firing,
        "resolved" => AlertState.Resolved,
        _ => throw new InvalidRequestException("state", $"'{state}' is not an alert state: expected pending, firing or resolved"),
    };

    private static int CheckLimit(int limit) => limit is >= 1 and <= MaxAlertLimit
        ? limit
        : throw new InvalidRequestException("limit", $"expected 1 to {MaxAlertLimit}, got {limit}");
}
