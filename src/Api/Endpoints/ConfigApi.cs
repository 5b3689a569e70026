using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Configuration;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Drift.Window;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Endpoints;

/// <summary>Configuration as code: a model's monitoring setup as YAML (modelops, Evidently, MLflow), and applying a modelops document.</summary>
public static class ConfigApi
{
    public const string YamlContentType = "application/yaml";

    /// <summary>The header that says why <c>assist=true</c> got the deterministic configuration.</summary>
    public const string FallbackReasonHeader = ConfigDocument.FallbackReasonHeader;

    /// <summary>The header that names the AI model whose proposal an <c>assist=true</c> answer holds.</summary>
    public const string AssistModelHeader = ConfigDocument.AssistModelHeader;

    internal static void MapConfigApi(this RouteGroupBuilder modelGroup)
    {
        var config = modelGroup.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/", GetConfig).WithName(nameof(GetConfig)).Requires(ApiAction.Read)
            .WithSummary("Get the model's monitoring configuration as YAML: format=modelops (default, can be applied back), evidently or mlflow; assist=true: with the drift and rule thresholds the AI proposes from the observed data (X-ModelOps-Assist-Model names the model), or else the deterministic document with a fallbackReason header. assist=true needs the editor role, as it spends the AI quota, and is limited per API key (ModelOps:AI:RequestsPerKeyPerMinute).")
            .Produces<string>(StatusCodes.Status200OK, YamlContentType)
            .RequiresWhenQuery("assist", ApiAction.AssistConfig)
            .WithMetadata(new CallerRateLimitAttribute(CallerRateLimits.Ai, WhenQuery: "assist"))
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        config.MapPut("/", PutConfig).WithName(nameof(PutConfig)).Requires(ApiAction.EditConfig)
            .WithSummary("Apply a modelops YAML document (body: application/yaml or text/yaml): definition and rules are validated whole and replaced together, creating the model if absent.")
            .Accepts<string>(YamlContentType, "text/yaml")
            .Produces<string>(StatusCodes.Status200OK, YamlContentType)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    public static async Task<Results<ContentHttpResult, NotFoundProblem>> GetConfig(
        string id, IGrainFactory grains, ConfigAssistant assistant, HttpResponse response, CancellationToken cancellationToken,
        string? format = null, bool assist = false)
    {
        format ??= ConfigFormats.ModelOps;
        if (!ConfigFormats.All.Contains(format))
        {
            throw new InvalidRequestException("format", $"expected {string.Join(", ", ConfigFormats.All)}; got '{format}'");
        }
        if (await grains.GetGrain<IModelGrain>(id).GetConfig() is not { } config)
        {
            return Problems.ModelNotFound(id);
        }
        var routes = await RoutesOf(id, grains);
        if (assist)
        {
            config = await Assisted(id, config, routes, grains, assistant, response, cancellationToken);
        }
        var yaml = format switch
        {
            ConfigFormats.Evidently => EvidentlyYaml.Write(config),
            ConfigFormats.MLflow => MlflowYaml.Write(config),
            _ => ModelOpsYaml.Write(config, routes),
        };
        return TypedResults.Text(yaml, YamlContentType, Encoding.UTF8);
    }

    /// <summary>
    /// The configuration with the AI's proposal in it, once its modelops document passes every check of <c>PUT …/config</c>
    /// (nothing is applied); otherwise the configuration as it is, with the reason in the <see cref="FallbackReasonHeader"/>.
    /// </summary>
    private static async Task<ModelConfiguration> Assisted(
        string id, ModelConfiguration config, ChannelRoutes routes, IGrainFactory grains, ConfigAssistant assistant, HttpResponse response, CancellationToken cancellationToken)
    {
        var answer = await assistant.ProposeAsync(grains.GetGrain<IModelGrain>(id), config, cancellationToken);
        var failure = answer.FailureReason;
        if (answer.Value is { } proposed)
        {
            try
            {
                await Submit(id, ModelOpsYaml.Write(proposed, routes), grains, async (grain, document) =>
                {
                    await grain.CheckConfig(document.Definition, document.Rules, document.MetricsWindow);
                    return document;
                });
                response.Headers[AssistModelHeader] = assistant.Model;
                return proposed;
            }
            catch (ConfigDocumentException invalid)
            {
                failure = $"Gemini's proposal is not a valid configuration: {invalid.Path}: {invalid.Reason}";
            }
        }
        response.Headers[FallbackReasonHeader] = HeaderText(failure!);
        return config;
    }

    public static async Task<ContentHttpResult> PutConfig(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // The Content-Type and the size limit were checked before the handler, by ApiRequestGuard.
        using var reader = new StreamReader(request.Body, BindingProblems.Strict(Encoding.UTF8));
        var text = await reader.ReadToEndAsync(cancellationToken);

        var applied = await Submit(id, text, grains, (grain, document) => grain.ApplyConfig(document.Definition, document.Rules, document.MetricsWindow));
        return TypedResults.Text(ModelOpsYaml.Write(applied, await RoutesOf(id, grains)), YamlContentType, Encoding.UTF8);
    }

    /// <summary>
    /// Reads a modelops document and runs the checks of <c>PUT …/config</c>, the grain's last (applying it, or checking
    /// only); every problem comes out as a <see cref="ConfigDocumentException"/> placed in the document.
    /// </summary>
    private static async Task<T> Submit<T>(string id, string text, IGrainFactory grains, Func<IModelGrain, ModelOpsDocument, Task<T>> submit)
    {
        var document = ModelOpsYamlReader.Read(text);
        var grain = grains.GetGrain<IModelGrain>(id);
        CheckAgainstModel(id, document, await grain.GetConfig());
        await CheckRoutes(id, document, grains);
        try
        {
            return await submit(grain, document);
        }
        catch (InvalidRequestException invalid)
        {
            throw document.Positions.Error(DocumentPath(invalid.Field), invalid.Reason);
        }
    }

    /// <summary>Header values are ASCII: any other character (in a quoted feature name, an ellipsis) is written as a <c>\u</c> escape.</summary>
    private static string HeaderText(string text) =>
        string.Concat(text.Select(character => character is >= ' ' and <= '~' ? character.ToString() : $"\\u{(int)character:x4}"));

    /// <summary>The channels whose routing covers the model, alert channels and retrain channels apart, ordered by id.</summary>
    private static async Task<ChannelRoutes> RoutesOf(string id, IGrainFactory grains)
    {
        var channels = await grains.GetGrain<INotificationConfigGrain>(Names.FleetKey).ListChannels();
        var covering = channels.Where(channel => AlertRouting.CoversModel(channel, id)).ToArray();
        return new ChannelRoutes(
            covering.Where(channel => channel.Type != ChannelTypes.Retrain).Select(channel => channel.Id!).ToArray(),
            covering.Where(channel => channel.Type == ChannelTypes.Retrain).Select(channel => channel.Id!).ToArray());
    }

    /// <summary>The parts of a document that restate what the service decides rather than set it must agree with it.</summary>
    private static void CheckAgainstModel(string id, ModelOpsDocument document, ModelConfiguration? current)
    {
        var positions = document.Positions;
        if (document.ModelId is { } stated && stated != id)
        {
            throw positions.Error("model.id", $"'{stated}' is not the model of the URL ('{id}'); make them equal or leave id out");
        }
        if (document.NullShareIncrease is { } increase && increase != DriftReportBuilder.DefaultNullShareIncrease)
        {
            throw positions.Error("windows.nullShareIncrease",
                $"fixed at {YamlWriter.FormatNumber(DriftReportBuilder.DefaultNullShareIncrease)} (a rise of the null share beyond it is drift); it cannot be set");
        }
        foreach (var claim in document.DefaultDrift)
        {
            var path = $"features[{claim.FeatureIndex}].drift";
            var chosen = current?.DefaultDrift.FirstOrDefault(choice => choice.Feature == claim.Feature);
            var expected = chosen?.Method ?? ModelOpsYaml.AutoMethod;
            if (claim.Method is { } method && method != ModelOpsYaml.AutoMethod && method != expected)
            {
                throw positions.Error($"{path}.method",
                    $"'{method}' is not the default selector's choice for this feature ({expected}); set source: {ModelOpsYaml.OverrideSource} to use it");
            }
            if (claim.Threshold is { } threshold && threshold != chosen?.Threshold)
            {
                throw positions.Error($"{path}.threshold", chosen is null
                    ? $"the default selector has not chosen yet (no baseline), so there is no threshold to state; set source: {ModelOpsYaml.OverrideSource} to pin one"
                    : $"{YamlWriter.FormatNumber(threshold)} is not the default threshold ({YamlWriter.FormatNumber(chosen.Threshold)}); set source: {ModelOpsYaml.OverrideSource} to use it");
            }
        }
    }

    /// <summary>Routing is set on channels (their <c>models</c>); a document that lists routes must list the real ones.</summary>
    private static async Task CheckRoutes(string id, ModelOpsDocument document, IGrainFactory grains)
    {
        if (document.Notifications is not { } stated)
        {
            return;
        }
        var channels = (await grains.GetGrain<INotificationConfigGrain>(Names.FleetKey).ListChannels()).ToDictionary(channel => channel.Id!, StringComparer.Ordinal);
        var actual = await RoutesOf(id, grains);
        Check("notifications.alerts", stated.Alerts, actual.Alerts, retrain: false);
        Check("notifications.retrain", stated.Retrain, actual.Retrain, retrain: true);

        void Check(string path, IReadOnlyList<string> listed, IReadOnlyList<string> routed, bool retrain)
        {
            for (var i = 0; i < listed.Count; i++)
            {
                var channelId = listed[i];
                if (!channels.TryGetValue(channelId, out var channel))
                {
                    throw document.Positions.Error($"{path}[{i}]", $"no channel '{channelId}'; create it with PUT /api/v1/channels/{channelId}");
                }
                if ((channel.Type == ChannelTypes.Retrain) != retrain)
                {
                    throw document.Positions.Error($"{path}[{i}]", $"channel '{channelId}' is a {channel.Type} channel; list it under notifications.{(retrain ? "alerts" : "retrain")}");
                }
                if (!routed.Contains(channelId))
                {
                    throw document.Positions.Error($"{path}[{i}]",
                        $"channel '{channelId}' does not take this model's notifications; routing is set on the channel: add '{id}' to its models with PUT /api/v1/channels/{channelId}");
                }
            }
            if (routed.FirstOrDefault(channelId => !listed.Contains(channelId)) is { } unlisted)
            {
                throw document.Positions.Error(path,
                    $"channel '{unlisted}' takes this model's notifications but is not listed; routing is set on the channel (its models), so list it here or change the channel");
            }
        }
    }

    /// <summary>Where a validator's field (a definition or rule-set path) is in a modelops document.</summary>
    private static string DocumentPath(string field) => field switch
    {
        "name" or "version" or "task" => "model." + field,
        "drift.window" => "windows.drift",
        "drift.baselineSize" => "windows.baselineSize",
        "drift.shareThreshold" => "windows.driftShare",
        _ => field,
    };
}
