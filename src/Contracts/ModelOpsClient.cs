using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace ModelOps.Contracts;

/// <summary>Typed client for the REST API at <c>/api/v1</c>. The <see cref="HttpClient"/> base address is the server root.</summary>
public sealed class ModelOpsClient(HttpClient http)
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    /// <summary>Every model the caller may see, of every page (following each page's <c>Link</c> header).</summary>
    public async Task<IReadOnlyList<ModelView>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = new List<ModelView>();
        for (string? next = ModelsPath(null, null, null, null); next is not null;)
        {
            var page = await GetModelPageAsync(next, cancellationToken);
            models.AddRange(page.Models);
            next = page.Next;
        }
        return models;
    }

    /// <summary>
    /// The first page of the models whose id or name holds <paramref name="search"/> (any case) and whose status is
    /// <paramref name="status"/>, at most <paramref name="limit"/> (server default 1000); pass its <see cref="ModelPage.Next"/>
    /// to <see cref="GetModelPageAsync"/> for the next.
    /// </summary>
    public Task<ModelPage> ListModelsPageAsync(int? limit = null, string? search = null, ModelStatus? status = null, CancellationToken cancellationToken = default) =>
        GetModelPageAsync(ModelsPath(limit, null, search, status), cancellationToken);

    /// <summary>The page at <paramref name="path"/>: the <see cref="ModelPage.Next"/> of the page before.</summary>
    public async Task<ModelPage> GetModelPageAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), cancellationToken);
        var models = await ReadAsync(response, Json.IReadOnlyListModelView, cancellationToken);
        return new ModelPage(models, NextLink(response));
    }

    private static string ModelsPath(int? limit, string? cursor, string? search, ModelStatus? status) =>
        "api/v1/models" + Query(("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", cursor), ("q", search), ("status", status switch
        {
            null => null,
            ModelStatus.NoData => "no-data",
            _ => status.Value.ToString().ToLowerInvariant(),
        }));

    /// <summary>The target of the <c>rel="next"</c> link of an RFC 8288 <c>Link</c> header, or null.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        foreach (var link in values.SelectMany(value => value.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(parameter => parameter.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                return parts[0][1..^1];
            }
        }
        return null;
    }

    /// <summary>The silos of the cluster, their state and the models active on each.</summary>
    public Task<ClusterView> GetClusterAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/cluster", Json.ClusterView, cancellationToken);

    /// <summary>The newest changes made through the API, newest first; of one model when <paramref name="modelId"/> is given.</summary>
    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string? modelId = null, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/audit?limit={limit}{(modelId is null ? "" : "&model=" + Uri.EscapeDataString(modelId))}", Json.IReadOnlyListAuditEntry, cancellationToken);

    /// <summary>The model, or null when it does not exist.</summary>
    public async Task<ModelView?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(ModelPath(modelId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return await ReadAsync(response, Json.ModelView, cancellationToken);
    }

    public async Task<ModelView> PutModelAsync(string modelId, ModelDefinition definition, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync(ModelPath(modelId), definition, Json.ModelDefinition, cancellationToken);
        return await ReadAsync(response, Json.ModelView, cancellationToken);
    }

    public async Task DeleteModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(ModelPath(modelId), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<IngestResult> PostEventsAsync(string modelId, IReadOnlyList<InferenceEvent> events, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"{ModelPath(modelId)}/events", new EventBatch { Events = events }, Json.EventBatch, cancellationToken);
        return await ReadAsync(response, Json.IngestResult, cancellationToken);
    }

    /// <summary>Joins delayed labels to the events of their ids (<c>POST /models/{id}/labels</c>).</summary>
    public async Task<LabelResult> PostLabelsAsync(string modelId, IReadOnlyList<DelayedLabel> labels, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"{ModelPath(modelId)}/labels", new LabelBatch { Labels = labels }, Json.LabelBatch, cancellationToken);
        return await ReadAsync(response, Json.LabelResult, cancellationToken);
    }

    public Task<MetricsSnapshot> GetMetricsAsync(string modelId, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/metrics", Json.MetricsSnapshot, cancellationToken);

    /// <summary>The most recent inference events, newest first.</summary>
    public Task<IReadOnlyList<InferenceEvent>> GetLogsAsync(string modelId, int limit = 50, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/logs?limit={limit}", Json.IReadOnlyListInferenceEvent, cancellationToken);

    /// <summary>
    /// Replaces the model's baseline with <paramref name="csv"/> (a header row, then one row per reference record),
    /// streamed as <c>text/csv</c>; <paramref name="progress"/> hears the bytes sent so far. A bad cell throws a
    /// <see cref="ModelOpsApiException"/> with status 400 whose detail names its row and column; 413 beyond the server's limits.
    /// </summary>
    public async Task<BaselineSummary> PutBaselineCsvAsync(string modelId, Stream csv, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var content = new ProgressContent(csv, "text/csv", progress);
        using var response = await http.PutAsync($"{ModelPath(modelId)}/baseline", content, cancellationToken);
        return await ReadAsync(response, Json.BaselineSummary, cancellationToken);
    }

    /// <summary>The drift report over the drift window, or over <paramref name="from"/>–<paramref name="to"/>.</summary>
    public Task<DriftReport> GetDriftAsync(string modelId, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/drift{Query(("from", Time(from)), ("to", Time(to)))}", Json.DriftReport, cancellationToken);

    /// <summary>
    /// The metrics from <paramref name="from"/> to <paramref name="to"/> (default: the last window), a point per <paramref name="step"/>:
    /// <see cref="HistorySteps.Second"/> within the live window or <see cref="HistorySteps.Minute"/> up to 24h back
    /// (default: per second when the range fits in the window).
    /// </summary>
    public Task<MetricsHistory> GetHistoryAsync(string modelId, DateTimeOffset? from = null, DateTimeOffset? to = null, Duration? step = null,
        CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/metrics/history{Query(("from", Time(from)), ("to", Time(to)), ("step", step?.ToString()))}",
            Json.MetricsHistory, cancellationToken);

    public async Task<IReadOnlyList<AlertRule>> GetRulesAsync(string modelId, CancellationToken cancellationToken = default) =>
        (await GetAsync($"{ModelPath(modelId)}/rules", Json.AlertRuleSet, cancellationToken)).Rules;

    /// <summary>Replaces the model's rules; the set is validated whole (a 400 names <c>rules[i].field</c>).</summary>
    public async Task<IReadOnlyList<AlertRule>> PutRulesAsync(string modelId, IReadOnlyList<AlertRule> rules, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"{ModelPath(modelId)}/rules", new AlertRuleSet(rules), Json.AlertRuleSet, cancellationToken);
        return (await ReadAsync(response, Json.AlertRuleSet, cancellationToken)).Rules;
    }

    /// <summary>The model's alerts, newest first, optionally of one state.</summary>
    public Task<IReadOnlyList<AlertView>> GetAlertsAsync(string modelId, AlertState? state = null, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/alerts?limit={limit}{StateQuery(state)}", Json.IReadOnlyListAlertView, cancellationToken);

    /// <summary>The alerts of every model, newest first, optionally of one state.</summary>
    public Task<IReadOnlyList<AlertView>> GetFleetAlertsAsync(AlertState? state = null, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/alerts?limit={limit}{StateQuery(state)}", Json.IReadOnlyListAlertView, cancellationToken);

    public Task<AlertView> AcknowledgeAlertAsync(string alertId, string? by = null, CancellationToken cancellationToken = default) =>
        AlertActionAsync(alertId, "ack", by, cancellationToken);

    public Task<AlertView> ResolveAlertAsync(string alertId, string? by = null, CancellationToken cancellationToken = default) =>
        AlertActionAsync(alertId, "resolve", by, cancellationToken);

    public async Task<RetrainView> RetrainAsync(string modelId, RetrainRequest? request = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"{ModelPath(modelId)}/retrain", request ?? new RetrainRequest(), Json.RetrainRequest, cancellationToken);
        return await ReadAsync(response, Json.RetrainView, cancellationToken);
    }

    public Task<IReadOnlyList<NotificationChannel>> ListChannelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/channels", Json.IReadOnlyListNotificationChannel, cancellationToken);

    /// <summary>Creates or replaces a channel; returns it with its secret and routing key masked.</summary>
    public async Task<NotificationChannel> PutChannelAsync(string channelId, NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/v1/channels/{Uri.EscapeDataString(channelId)}", channel, Json.NotificationChannel, cancellationToken);
        return await ReadAsync(response, Json.NotificationChannel, cancellationToken);
    }

    public async Task DeleteChannelAsync(string channelId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"api/v1/channels/{Uri.EscapeDataString(channelId)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends one test message to the channel now (one attempt, no retries) and says how it went; 404 for an unknown channel.</summary>
    public async Task<ChannelTestResult> TestChannelAsync(string channelId, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync($"api/v1/channels/{Uri.EscapeDataString(channelId)}/test", content: null, cancellationToken);
        return await ReadAsync(response, Json.ChannelTestResult, cancellationToken);
    }

    public Task<IReadOnlyList<Silence>> ListSilencesAsync(bool includeExpired = false, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/silences?includeExpired={(includeExpired ? "true" : "false")}", Json.IReadOnlyListSilence, cancellationToken);

    public async Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/silences", silence, Json.Silence, cancellationToken);
        return await ReadAsync(response, Json.Silence, cancellationToken);
    }

    public async Task DeleteSilenceAsync(string silenceId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"api/v1/silences/{Uri.EscapeDataString(silenceId)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The alert's insight: cached until <paramref name="refresh"/> asks for a new one.</summary>
    public async Task<AlertInsight> GetInsightAsync(string alertId, bool refresh = false, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(
            $"api/v1/alerts/{Uri.EscapeDataString(alertId)}/insight{(refresh ? "?refresh=true" : "")}", content: null, cancellationToken);
        return await ReadAsync(response, Json.AlertInsight, cancellationToken);
    }

    /// <summary>The model's monitoring configuration as YAML in one of <see cref="ConfigFormats"/>.</summary>
    public async Task<string> GetConfigAsync(string modelId, string format = ConfigFormats.ModelOps, CancellationToken cancellationToken = default) =>
        (await GetConfigDocumentAsync(modelId, format, assist: false, cancellationToken)).Yaml;

    /// <summary>
    /// The model's configuration as YAML; with <paramref name="assist"/>, with the thresholds the AI proposes from the
    /// observed data, or else the deterministic document and the reason it is not a proposal.
    /// </summary>
    public async Task<ConfigDocument> GetConfigDocumentAsync(string modelId, string format, bool assist, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(
            $"{ModelPath(modelId)}/config?format={Uri.EscapeDataString(format)}{(assist ? "&assist=true" : "")}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return new ConfigDocument(
            await response.Content.ReadAsStringAsync(cancellationToken),
            Header(response, ConfigDocument.AssistModelHeader),
            Header(response, ConfigDocument.FallbackReasonHeader));
    }

    /// <summary>
    /// Applies a <c>modelops</c> YAML document atomically and returns the configuration as now stored; a bad document
    /// throws a <see cref="ModelOpsApiException"/> with status 400 whose detail names the line and column.
    /// </summary>
    public async Task<string> ApplyConfigAsync(string modelId, string yaml, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml");
        using var response = await http.PutAsync($"{ModelPath(modelId)}/config", content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Creates an API key (admin only); the answer holds its secret, which the server never shows again.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(ApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/keys", request, Json.ApiKeyRequest, cancellationToken);
        return await ReadAsync(response, Json.CreatedApiKey, cancellationToken);
    }

    /// <summary>The API keys, without their secrets (admin only).</summary>
    public Task<IReadOnlyList<ApiKeyView>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/keys", Json.IReadOnlyListApiKeyView, cancellationToken);

    /// <summary>Revokes a key (admin only): within a second no node takes it.</summary>
    public async Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"api/v1/keys/{Uri.EscapeDataString(keyId)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Who the caller is: the key's name, role and models, or anonymous loopback access.</summary>
    public Task<SessionView> GetSessionAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/session", Json.SessionView, cancellationToken);

    /// <summary>Signs in with <paramref name="key"/>: the server sets the session cookie that later requests and the stream carry.</summary>
    public async Task<SessionView> SignInAsync(string key, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/session", new SessionRequest { Key = key }, Json.SessionRequest, cancellationToken);
        return await ReadAsync(response, Json.SessionView, cancellationToken);
    }

    /// <summary>Signs out: the server clears the session cookie.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync("api/v1/session", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<AlertView> AlertActionAsync(string alertId, string action, string? by, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/v1/alerts/{Uri.EscapeDataString(alertId)}/{action}", new AlertActionRequest(by), Json.AlertActionRequest, cancellationToken);
        return await ReadAsync(response, Json.AlertView, cancellationToken);
    }

    private static string StateQuery(AlertState? state) => state switch
    {
        AlertState.Pending => "&state=pending",
        AlertState.Firing => "&state=firing",
        AlertState.Resolved => "&state=resolved",
        _ => "",
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static string ModelPath(string modelId) => $"api/v1/models/{Uri.EscapeDataString(modelId)}";

    /// <summary>A query string of the parameters that have a value, or nothing when none has.</summary>
    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(parameter => parameter.Value is not null)
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}")
            .ToArray();
        return present.Length == 0 ? "" : "?" + string.Join("&", present);
    }

    private static string? Time(DateTimeOffset? time) => time?.ToString("O");

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync(response, typeInfo, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
            ?? throw new ModelOpsApiException((int)response.StatusCode, new ApiProblem { Detail = "The server answered with an empty body." });
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        ApiProblem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            problem = await response.Content.ReadFromJsonAsync(Json.ApiProblem, cancellationToken);
        }
        throw new ModelOpsApiException((int)response.StatusCode, problem) { RetryAfter = RetryAfterOf(response) };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
