using Microsoft.AspNetCore.Http.Features;
using ModelOps.Grains.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the whole process: one set of meters read by the Prometheus exporter at <c>/metrics</c>, and,
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and traces (ASP.NET Core, HttpClient, Orleans) over OTLP.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>The service name of every signal, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "modelops";

    /// <summary>Orleans publishes dozens of instruments; these are the ones an operator of this service reads.</summary>
    private static readonly HashSet<string> OrleansInstruments = ["orleans-catalog-activations", "orleans-grains"];

    public static bool OtlpEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static WebApplicationBuilder AddModelOpsTelemetry(this WebApplicationBuilder builder)
    {
        // The views' cardinality limits follow the configured bounds (validated at start with the options).
        var limits = builder.Configuration.GetSection(ModelMetricsOptions.Section).Get<ModelMetricsOptions>() ?? new ModelMetricsOptions();
        var modelSeries = Math.Max(1, limits.MaxModels) * 3 + 1;
        var featureSeries = Math.Max(1, limits.MaxModels) * Math.Max(1, limits.MaxFeaturesPerModel) + 1;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ModelMetrics.MeterName, ServiceMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddView(instrument => instrument.Meter.Name == "Microsoft.Orleans" && !OrleansInstruments.Contains(instrument.Name)
                    ? MetricStreamConfiguration.Drop
                    : null)
                .AddView("modelops.feature.*", new MetricStreamConfiguration { CardinalityLimit = featureSeries })
                .AddView("modelops.model.latency", new MetricStreamConfiguration { CardinalityLimit = modelSeries })
                .AddView("modelops.alerts.firing", new MetricStreamConfiguration { CardinalityLimit = modelSeries })
                .AddPrometheusExporter());
        if (OtlpEnabled(builder.Configuration))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"))
                .UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// Counts at the HTTP edge what only the edge sees: ingest requests refused whole (by reason) and open WebSocket
    /// stream sessions. Place it before the API's middleware, so it sees the status the exception handler sets.
    /// </summary>
    public static WebApplication UseEdgeMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServiceMetrics>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (IsUpgrade(context) && path.StartsWithSegments("/api/v1/stream"))
            {
                metrics.SessionOpened();
                try
                {
                    await next(context);
                }
                finally
                {
                    metrics.SessionClosed();
                }
                return;
            }
            await next(context);
            if (HttpMethods.IsPost(context.Request.Method) && IsIngest(path) && RefusalReason(context.Response.StatusCode) is { } reason)
            {
                metrics.Refused(reason);
            }
        });
        return app;
    }

    /// <summary>The Prometheus text exposition of every meter at <c>/metrics</c>.</summary>
    public static WebApplication MapModelOpsMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>A WebSocket handshake (HTTP/1.1 upgrade or HTTP/2 extended CONNECT), told before the WebSocket middleware runs.</summary>
    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private static bool IsIngest(PathString path) =>
        path.StartsWithSegments("/api/v1/models", out var rest)
        && rest.Value is { } tail
        && tail.Count(c => c == '/') == 2
        && tail.EndsWith("/events", StringComparison.Ordinal);

    private static string? RefusalReason(int status) => status switch
    {
        < 400 => null,
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status404NotFound => "unknown_model",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        _ => "other",
    };
}
