using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Ingest;
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

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var model = routes.MapGroup("/api/v1/models/{id}").WithTags("Alerts").AddEndpointFilter<ModelIdFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        model.MapGet("/rules", GetRules).WithName(nameof(GetRules))
            .WithSummary("Get the model's alert rules.");
        model.MapPut("/rules", PutRules).WithName(nameof(PutRules))
            .WithSummary("Replace the model's alert rules; the set is validated whole and applied atomically.")
            .Accepts<AlertRuleSet>("application/json");
        model.MapGet("/alerts", GetModelAlerts).WithName(nameof(GetModelAlerts))
            .WithSummary("Get the model's alerts, newest first (state: pending, firing or resolved).");
        model.MapPost("/retrain", PostRetrain).WithName(nameof(PostRetrain))
            .WithSummary("Trigger retraining by hand: the model's retrain channels receive the model and the drift evidence.")
            .Accepts<RetrainRequest>("application/json");
        model.MapGet("/retrains", GetRetrains).WithName(nameof(GetRetrains))
            .WithSummary("Get the model's retraining requests and their deliveries, newest first.");

        var alerts = routes.MapGroup("/api/v1/alerts").WithTags("Alerts");
        alerts.MapGet("/", GetFleetAlerts).WithName(nameof(GetFleetAlerts))
            .WithSummary("Get the alerts of every model, newest first (state: pending, firing or resolved).")
            .ProducesValidationProblem();
        alerts.MapPost("/{alertId}/ack", AcknowledgeAlert).WithName(nameof(AcknowledgeAlert))
            .WithSummary("Acknowledge an open alert: it stays open but is no longer sent again.")
            .Accepts<AlertActionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapPost("/{alertId}/resolve", ResolveAlert).WithName(nameof(ResolveAlert))
            .WithSummary("Resolve an alert by hand; channels that were told it fired are told it resolved.")
            .Accepts<AlertActionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapPost("/{alertId}/insight", PostInsight).WithName(nameof(PostInsight))
            .WithSummary("Explain an alert from its evidence (the built-in analyst, or Gemini when configured); cached per alert until refresh=true.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<AlertInsight>, ProblemHttpResult>> PostInsight(string alertId, InsightService insights, CancellationToken cancellationToken, bool refresh = false) =>
        await insights.GetAsync(alertId, refresh, cancellationToken) is { } insight
            ? TypedResults.Ok(insight)
            : TypedResults.Problem(AlertNotFound(alertId));

    public static async Task<Ok<AlertRuleSet>> GetRules(string id, IGrainFactory grains) =>
        TypedResults.Ok(new AlertRuleSet(await grains.GetGrain<IModelGrain>(id).GetRules()));

    public static async Task<Ok<AlertRuleSet>> PutRules(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ModelOpsJsonContext.Default.AlertRuleSet, options.Value.MaxBodyBytes, cancellationToken);
        return TypedResults.Ok(new AlertRuleSet(await grains.GetGrain<IModelGrain>(id).SetRules(body.Rules ?? throw new InvalidRequestException("rules", "required: an array of rules (may be empty)"))));
    }

    public static async Task<Ok<IReadOnlyList<AlertView>>> GetModelAlerts(string id, IGrainFactory grains, string? state = null, int limit = 100) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetAlerts(ParseState(state), CheckLimit(limit)));

    public static async Task<Ok<IReadOnlyList<AlertView>>> GetFleetAlerts(IGrainFactory grains, string? state = null, int limit = 100)
    {
        var wanted = ParseState(state);
        CheckLimit(limit);
        var ids = await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).List();
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

    public static Task<Results<Ok<AlertView>, ProblemHttpResult>> AcknowledgeAlert(string alertId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        Act(alertId, request, grains, options.Value, (grain, body) => grain.Acknowledge(alertId, body), cancellationToken);

    public static Task<Results<Ok<AlertView>, ProblemHttpResult>> ResolveAlert(string alertId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        Act(alertId, request, grains, options.Value, (grain, body) => grain.Resolve(alertId, body), cancellationToken);

    public static async Task<Accepted<RetrainView>> PostRetrain(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await OptionalBody(request, ModelOpsJsonContext.Default.RetrainRequest, options.Value, cancellationToken) ?? new RetrainRequest();
        var view = await grains.GetGrain<IModelGrain>(id).Retrain(body);
        return TypedResults.Accepted($"/api/v1/models/{id}/retrains", view);
    }

    public static async Task<Ok<IReadOnlyList<RetrainView>>> GetRetrains(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetRetrains());

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Act(
        string alertId, HttpRequest request, IGrainFactory grains, ApiOptions options, Func<IModelGrain, AlertActionRequest, Task<AlertView?>> action, CancellationToken cancellationToken)
    {
        var body = await OptionalBody(request, ModelOpsJsonContext.Default.AlertActionRequest, options, cancellationToken) ?? new AlertActionRequest();
        if (!AlertIds.TryParseModelId(alertId, out var modelId) || !ModelId.IsValid(modelId))
        {
            return TypedResults.Problem(AlertNotFound(alertId));
        }
        try
        {
            return await action(grains.GetGrain<IModelGrain>(modelId!), body) is { } alert
                ? TypedResults.Ok(alert)
                : TypedResults.Problem(AlertNotFound(alertId));
        }
        catch (ModelNotFoundException)
        {
            return TypedResults.Problem(AlertNotFound(alertId));
        }
    }

    /// <summary>An empty body is allowed where every field is optional.</summary>
    private static async Task<T?> OptionalBody<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, ApiOptions options, CancellationToken cancellationToken)
        where T : class =>
        request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))
            ? null
            : await JsonBody.ReadAsync(request, type, options.MaxBodyBytes, cancellationToken);

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

    private static Microsoft.AspNetCore.Mvc.ProblemDetails AlertNotFound(string alertId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Alert not found",
        Detail = $"No alert '{alertId}'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{{id}}/alerts.",
    };
}
