using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace ModelOps.Contracts;

/// <summary>Typed client for the REST API at <c>/api/v1</c>. The <see cref="HttpClient"/> base address is the server root.</summary>
public sealed class ModelOpsClient(HttpClient http)
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    public Task<IReadOnlyList<ModelView>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/models", Json.IReadOnlyListModelView, cancellationToken);

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

    public Task<MetricsSnapshot> GetMetricsAsync(string modelId, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/metrics", Json.MetricsSnapshot, cancellationToken);

    /// <summary>The most recent inference events, newest first.</summary>
    public Task<IReadOnlyList<InferenceEvent>> GetLogsAsync(string modelId, int limit = 50, CancellationToken cancellationToken = default) =>
        GetAsync($"{ModelPath(modelId)}/logs?limit={limit}", Json.IReadOnlyListInferenceEvent, cancellationToken);

    private static string ModelPath(string modelId) => $"api/v1/models/{Uri.EscapeDataString(modelId)}";

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
        throw new ModelOpsApiException((int)response.StatusCode, problem);
    }
}
