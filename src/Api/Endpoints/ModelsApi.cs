using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Audit;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Models;
using Orleans.Concurrency;

namespace ModelOps.Api.Endpoints;

/// <summary>Models: definitions, ingest, metrics, metrics history and logs.</summary>
public static class ModelsApi
{
    public const int MaxLogLimit = 200;

    /// <summary>The longest <c>Idempotency-Key</c> taken.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    private static void CheckIdempotencyKey(string? key)
    {
        if (key is not null && !(key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~')))
        {
            throw new InvalidRequestException(ModelGrain.IdempotencyKeyHeader, $"expected 1 to {MaxIdempotencyKeyLength} visible ASCII characters (a UUID, say)");
        }
    }

    internal static void MapModelsApi(this RouteGroupBuilder api, RouteGroupBuilder modelGroup)
    {
        api.MapGet("/models", ListModels).WithName(nameof(ListModels)).Requires(ApiAction.Read).WithTags("Models")
            .WithSummary($"List the models with their status and headline metrics (history is left empty), by id, at most limit (default {DefaultListLimit}, at most {MaxListLimit}) per page; the next page is in the Link header (rel=\"next\"). q searches id and name (any case), status filters.");

        var model = modelGroup.Resource("Models");
        model.MapGet("/", GetModel).WithName(nameof(GetModel)).Requires(ApiAction.Read)
            .WithSummary("Get a model: its definition, current metrics, per-second history and drift summary.");
        model.MapPut("/", PutModel).WithName(nameof(PutModel)).Requires(ApiAction.EditModels)
            .WithSummary("Create or update a model definition.");
        model.MapDelete("/", DeleteModel).WithName(nameof(DeleteModel)).Requires(ApiAction.EditModels)
            .WithSummary("Delete a model and all of its state.");
        model.MapPost("/events", PostEvents).WithName(nameof(PostEvents)).Requires(ApiAction.Ingest).WithMetadata(new NotAuditedAttribute())
            .WithSummary("Ingest a batch of inference events; the whole batch is validated before any of it is applied. With durable=true the 202 waits until the batch is in storage.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(ApiServiceCollectionExtensions.IngestRateLimitPolicy)
            .WithMetadata(new CallerRateLimitAttribute(CallerRateLimits.Ingest));
        // The same operation for NDJSON and CSV bodies: routing picks it by Content-Type, and the OpenAPI document lists
        // its types under PostEvents (WireOperationFilter).
        model.MapPost("/events", PostEventLines).WithName(nameof(PostEventLines)).Requires(ApiAction.Ingest).WithMetadata(new NotAuditedAttribute())
            .Accepts<EventBatch>(EventBodyReader.Ndjson, EventBodyReader.Csv)
            .WithOrder(1) // a request without a Content-Type reaches PostEvents, which refuses it (415) with all three types
            .ExcludeFromDescription()
            .RequireRateLimiting(ApiServiceCollectionExtensions.IngestRateLimitPolicy)
            .WithMetadata(new CallerRateLimitAttribute(CallerRateLimits.Ingest));
        model.MapPost("/labels", PostLabels).WithName(nameof(PostLabels)).Requires(ApiAction.Ingest).WithMetadata(new NotAuditedAttribute())
            .WithSummary("Join delayed ground truth to earlier events by their id (at most 10000 labels per request); the whole batch is validated before any of it is applied. A label counts in the metrics of its event's second and minute; one for an event already labelled replaces that label.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(ApiServiceCollectionExtensions.IngestRateLimitPolicy)
            .WithMetadata(new CallerRateLimitAttribute(CallerRateLimits.Ingest));
        model.MapGet("/metrics", GetMetrics).WithName(nameof(GetMetrics)).Requires(ApiAction.Read)
            .WithSummary("Get the model's rolling-window metrics.");
        model.MapGet("/metrics/history", GetMetricsHistory).WithName(nameof(GetMetricsHistory)).Requires(ApiAction.Read)
            .WithSummary("Get the metrics from–to (default: the last window), a point per step: 1s within the live window, 1m up to 24h back.");
        model.MapGet("/logs", GetLogs).WithName(nameof(GetLogs)).Requires(ApiAction.Read)
            .WithSummary("Get the most recent inference events, newest first.");
    }

    /// <summary>Models per page of <c>GET /api/v1/models</c> without <c>limit</c>: large, so that clients that read one page still see a fleet of today's size whole.</summary>
    public const int DefaultListLimit = 1_000;

    public const int MaxListLimit = 1_000;

    /// <summary>The longest <c>q</c> taken.</summary>
    public const int MaxSearchLength = 128;

    /// <summary>
    /// Answers from the fleet registry, which holds each model's headline as the model last reported it (at once on a
    /// change of status, else at most every <c>ModelOps:FleetRefreshInterval</c>), so listing calls no model. A model the
    /// registry has no headline for yet (after the registry's silo restarted, until the model reports) is read from the
    /// model; a filtered page may then hold fewer than <c>limit</c>.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<ModelView>>> ListModels(
        IGrainFactory grains, ClaimsPrincipal user, HttpContext http, int? limit = null, string? cursor = null, string? q = null, string? status = null)
    {
        var take = limit ?? DefaultListLimit;
        if (take is < 1 or > MaxListLimit)
        {
            throw new InvalidRequestException("limit", $"expected 1 to {MaxListLimit}, got {take}");
        }
        var after = cursor is null ? null
            : FleetCursor.Decode(cursor) ?? throw new InvalidRequestException("cursor", "not a cursor of this API: pass the one from the Link header of the page before, unchanged");
        if (q is { Length: > MaxSearchLength })
        {
            throw new InvalidRequestException("q", $"at most {MaxSearchLength} characters, got {q.Length}");
        }
        var scope = Caller.ScopeOf(user);
        var query = new FleetQuery(take, after, string.IsNullOrEmpty(q) ? null : q, ParseStatus(status), scope.IsAll ? [ModelScope.All] : scope.Patterns);
        var page = await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).Page(query);
        var views = await Task.WhenAll(page.Entries.Select(entry =>
            entry.Headline is { } headline ? Task.FromResult<ModelView?>(headline) : grains.GetGrain<IModelGrain>(entry.Id).Get(includeHistory: false)));
        if (page.Next is { } next)
        {
            http.Response.Headers.Link = $"<{NextPage(http.Request, take, next, query)}>; rel=\"next\"";
        }
        return TypedResults.Ok<IReadOnlyList<ModelView>>(
            views.OfType<ModelView>().Where(view => FleetListing.Admits(query, view.Id, view.Name, view.Status)).ToArray());
    }

    private static string NextPage(HttpRequest request, int limit, string after, FleetQuery query)
    {
        var next = $"{request.PathBase}{request.Path}?limit={limit}&cursor={FleetCursor.Encode(after)}";
        next += query.Text is null ? "" : "&q=" + Uri.EscapeDataString(query.Text);
        return next + (query.Status is null ? "" : "&status=" + StatusNames[query.Status.Value]);
    }

    private static readonly Dictionary<ModelStatus, string> StatusNames = new()
    {
        [ModelStatus.NoData] = "no-data", [ModelStatus.Healthy] = "healthy", [ModelStatus.Warning] = "warning", [ModelStatus.Critical] = "critical",
    };

    private static ModelStatus? ParseStatus(string? status) => status switch
    {
        null or "" => null,
        _ => StatusNames.FirstOrDefault(pair => pair.Value == status) is { Value: not null } found
            ? found.Key
            : throw new InvalidRequestException("status", $"'{status}' is not a model status: expected no-data, healthy, warning or critical"),
    };

    public static async Task<Results<Ok<ModelView>, NotFoundProblem>> GetModel(string id, IGrainFactory grains) =>
        await grains.GetGrain<IModelGrain>(id).Get(includeHistory: true) is { } view
            ? TypedResults.Ok(view)
            : Problems.ModelNotFound(id);

    public static async Task<Ok<ModelView>> PutModel(string id, ModelDefinition definition, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).Define(definition));

    public static async Task<Results<NoContent, NotFoundProblem>> DeleteModel(string id, IGrainFactory grains) =>
        await grains.GetGrain<IModelGrain>(id).Delete()
            ? TypedResults.NoContent()
            : Problems.ModelNotFound(id);

    /// <summary>
    /// With <c>durable=true</c> the answer waits until the batch is in storage (the model's next checkpoint), so a crash
    /// cannot lose it. With an <c>Idempotency-Key</c> a batch sent again (a retry after an answer that never came) is
    /// answered as the first time and counted once.
    /// </summary>
    public static async Task<Accepted<IngestResult>> PostEvents(
        string id, EventBatch batch, IGrainFactory grains, IOptions<ApiOptions> options, bool durable = false,
        [FromHeader(Name = ModelGrain.IdempotencyKeyHeader)] string? idempotencyKey = null)
    {
        CheckIdempotencyKey(idempotencyKey);
        var limits = options.Value;
        if (batch.Events is null)
        {
            throw new InvalidRequestException("events", "expected an array of events");
        }
        if (batch.Events.Count > limits.MaxEventsPerRequest)
        {
            throw new ProblemException(Problems.TooLarge(
                $"The batch holds {batch.Events.Count} events; at most {limits.MaxEventsPerRequest} are accepted per request. Split it into smaller batches."));
        }
        return TypedResults.Accepted((string?)null, await IngestAsync(grains.GetGrain<IModelGrain>(id), batch.Events, durable, idempotencyKey));
    }

    /// <summary>
    /// <see cref="PostEvents"/> for a body of <c>application/x-ndjson</c> (one event per line) or <c>text/csv</c> (a header
    /// row, a row per event): read whole and validated before any of it is applied, errors named by line or row.
    /// </summary>
    public static async Task<Accepted<IngestResult>> PostEventLines(
        string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken, bool durable = false,
        [FromHeader(Name = ModelGrain.IdempotencyKeyHeader)] string? idempotencyKey = null)
    {
        CheckIdempotencyKey(idempotencyKey);
        var model = grains.GetGrain<IModelGrain>(id);
        var csv = EventBodyReader.IsBatchType(request.ContentType, out var isCsv) && isCsv;
        // CSV cells are typed by the definition (a regression model's predictions are numbers); NDJSON carries its types.
        var definition = csv ? await model.Get(includeHistory: false) : null;
        var body = await EventBodyReader.ReadAsync(request, definition, options.Value.MaxEventsPerRequest, cancellationToken);
        try
        {
            return TypedResults.Accepted((string?)null, await IngestAsync(model, body.Events, durable, idempotencyKey));
        }
        catch (InvalidRequestException error)
        {
            throw body.Place(error);
        }
    }

    private static async Task<IngestResult> IngestAsync(IModelGrain model, IReadOnlyList<InferenceEvent> batch, bool durable, string? idempotencyKey)
    {
        var events = new Immutable<IReadOnlyList<InferenceEvent>>(batch);
        var result = idempotencyKey is null ? await model.Ingest(events) : await model.IngestOnce(events, idempotencyKey);
        if (durable)
        {
            await model.WhenStored();
        }
        return result;
    }

    public static async Task<Accepted<LabelResult>> PostLabels(string id, LabelBatch batch, IGrainFactory grains)
    {
        if (batch.Labels is null)
        {
            throw new InvalidRequestException("labels", "expected an array of labels");
        }
        if (batch.Labels.Count > LabelValidator.MaxLabelsPerRequest)
        {
            throw new ProblemException(Problems.TooLarge(
                $"The batch holds {batch.Labels.Count} labels; at most {LabelValidator.MaxLabelsPerRequest} are accepted per request. Split it into smaller batches."));
        }
        var result = await grains.GetGrain<IModelGrain>(id).Label(new Immutable<IReadOnlyList<DelayedLabel>>(batch.Labels));
        return TypedResults.Accepted((string?)null, result);
    }

    public static async Task<Ok<MetricsSnapshot>> GetMetrics(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetMetrics());

    public static async Task<Ok<MetricsHistory>> GetMetricsHistory(
        string id, IGrainFactory grains, DateTimeOffset? from = null, DateTimeOffset? to = null, string? step = null)
    {
        var parsed = Duration.Zero;
        if (step is not null && !Duration.TryParse(step, out parsed))
        {
            throw new InvalidRequestException("step", HistorySteps.Rule);
        }
        return TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetHistory(from, to, step is null ? null : parsed.Value));
    }

    public static async Task<Ok<IReadOnlyList<InferenceEvent>>> GetLogs(string id, IGrainFactory grains, int limit = 50) =>
        limit is < 1 or > MaxLogLimit
            ? throw new InvalidRequestException("limit", $"expected a number between 1 and {MaxLogLimit}")
            : TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetLogs(limit));
}
