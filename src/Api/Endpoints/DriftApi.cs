using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Api.Baselines;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Models;
using Orleans.Concurrency;

namespace ModelOps.Api.Endpoints;

/// <summary>Baselines and drift reports of a model.</summary>
public static class DriftApi
{
    internal static void MapDriftApi(this RouteGroupBuilder modelGroup)
    {
        var model = modelGroup.Resource("Drift");
        model.MapPut("/baseline", PutBaseline).WithName(nameof(PutBaseline)).Requires(ApiAction.EditBaselines)
            .WithSummary("Upload the reference data (JSON rows or CSV with a header); it replaces the baseline and starts a fresh comparison.")
            .Accepts<BaselineBody>(BaselineReader.Json, BaselineReader.Csv)
            .WithMetadata(new BodyLimit(services => services.GetRequiredService<IOptions<BaselineLimits>>().Value.MaxBodyBytes))
            .RequireRateLimiting(ApiServiceCollectionExtensions.BaselineRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        model.MapGet("/drift", GetDrift).WithName(nameof(GetDrift)).Requires(ApiAction.Read)
            .WithSummary("Get the drift report: every feature's current distribution against the baseline, over the drift window or from–to.");
    }

    public static async Task<Results<Ok<BaselineSummary>, NotFoundProblem>> PutBaseline(
        string id, HttpRequest request, IGrainFactory grains, IOptions<BaselineLimits> limits, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IModelGrain>(id);
        if (await grain.Get(includeHistory: false) is not { } model)
        {
            return Problems.ModelNotFound(id);
        }
        var profile = await BaselineReader.ReadAsync(request, model.Features, limits.Value, cancellationToken);
        return TypedResults.Ok(await grain.SetBaseline(new Immutable<BaselineProfile>(profile)));
    }

    public static async Task<Ok<DriftReport>> GetDrift(string id, IGrainFactory grains, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).GetDrift(from, to));
}
