using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelOps.Api.AI;
using ModelOps.Api.Audit;
using ModelOps.Api.Baselines;
using ModelOps.Api.Endpoints;
using ModelOps.Api.Errors;
using ModelOps.Api.OpenApi;
using ModelOps.Api.Security;
using ModelOps.Api.Streaming;
using ModelOps.Contracts;
using ModelOps.Grains.Telemetry;

namespace ModelOps.Api;

public static class ApiServiceCollectionExtensions
{
    public const string IngestRateLimitPolicy = "ingest";
    public const string BaselineRateLimitPolicy = "baseline";

    /// <summary>Everything the HTTP and WebSocket API needs; the Orleans client or silo is registered by the host.</summary>
    public static IServiceCollection AddModelOpsApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BaselineLimits>().BindConfiguration(BaselineLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ModelOpsJsonContext.Default.WithAddedModifier(StrictJson.Apply));
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, BaselineJsonContext.Default.WithAddedModifier(StrictJson.Apply));
            // A body means what it says, or is refused naming the field: numbers are JSON numbers (not "12" or "NaN")
            // that fit a double, enums are their names, a property is sent once, and a property the operation does not
            // know is a mistake, not something to drop.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Binding failures are thrown, so that the exception handler words them like every other problem.
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.DescribeStatus);
        services.AddExceptionHandler<ModelOpsExceptionHandler>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<IAuditLog, GrainAuditLog>();
        services.AddServiceMetrics();
        services.AddModelOpsAi();
        services.AddModelOpsHealthChecks();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = CallerRateLimits.Create();
            limiter.AddPolicy(IngestRateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter(IngestRateLimitPolicy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.IngestConcurrency,
                    QueueLimit = options.IngestQueueLength,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            limiter.AddPolicy(BaselineRateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<BaselineLimits>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter(BaselineRateLimitPolicy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.MaxConcurrentUploads,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                // Only a caller's token bucket knows when a token comes back; a capacity limit says nothing of when.
                var perCaller = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                var baseline = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == BaselineRateLimitPolicy;
                http.Response.Headers.RetryAfter = perCaller ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : "1";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = perCaller
                            ? CallerRateLimits.Refusal(http)
                            : baseline
                                ? "The server is reading as many baseline uploads as it takes at once (ModelOps:Baselines:MaxConcurrentUploads); this one was not read and the baseline is unchanged. Retry after the Retry-After delay."
                                : "The server is at its ingest capacity and did not accept this batch; nothing of it was applied. Retry after the Retry-After delay.",
                    },
                });
            };
        });
        services.AddModelOpsSecurity();
        services.AddModelOpsSwagger();
        return services;
    }

    /// <summary>Middleware and endpoints of the API, health checks and Swagger.</summary>
    public static WebApplication UseModelOpsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseModelOpsSecurity();
        app.UseRateLimiter();
        app.UseMiddleware<ApiRequestGuard>();
        app.UseModelOpsSwagger();
        app.MapModelOpsApi();
        app.MapModelOpsHealthChecks();
        return app;
    }
}
