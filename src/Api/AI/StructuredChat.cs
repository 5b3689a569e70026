using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using OpenAI;

namespace ModelOps.Api.AI;

/// <summary>A question for structured output: the instructions, the user's message and the JSON schema the answer must follow.</summary>
public sealed record StructuredPrompt(string System, string User, string SchemaName, JsonElement Schema);

/// <summary>Thrown by an answer's validator: <see cref="Exception.Message"/> says what is wrong, e.g. <c>cited unknown evidence E9</c>.</summary>
public sealed class AnswerRejectedException(string reason) : Exception(reason);

/// <summary>The validated answer, or why there is none (to put in a <c>fallbackReason</c>).</summary>
public sealed record StructuredAnswer<T>(T? Value, string? FailureReason) where T : class
{
    public bool Succeeded => Value is not null;
}

/// <summary>
/// Asks the configured model (Gemini, through its OpenAI-compatible endpoint and <see cref="IChatClient"/>) for JSON that
/// follows a schema, and validates it; any failure — disabled, a cap reached, HTTP errors after the retries, a timeout,
/// unparsable or invalid output — comes back as a reason, so the caller falls back to its deterministic answer.
/// Bounded: <see cref="AiOptions.MaxConcurrency"/> questions at once, <see cref="AiOptions.MaxRequestsPerMinute"/>, and
/// <see cref="AiOptions.Timeout"/> per question, retries included.
/// </summary>
public sealed class StructuredChat : IDisposable
{
    private const string Name = "Gemini";

    private readonly AiOptions options;
    private readonly IChatClient? chat;
    private readonly ConcurrencyLimiter concurrency;
    private readonly FixedWindowRateLimiter perMinute;

    public StructuredChat(IOptions<AiOptions> options, TimeProvider clock)
    {
        this.options = options.Value;
        Enabled = this.options.EffectiveProvider == InsightProviders.Gemini;
        if (Enabled)
        {
            var client = new OpenAIClient(new ApiKeyCredential(this.options.ApiKey!), new OpenAIClientOptions
            {
                Endpoint = new Uri(this.options.Endpoint.TrimEnd('/')),
                RetryPolicy = new GeminiRetryPolicy(this.options, clock),
                NetworkTimeout = this.options.Timeout,
            });
            chat = client.GetChatClient(this.options.Model).AsIChatClient();
        }
        concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = this.options.MaxConcurrency,
            QueueLimit = this.options.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        perMinute = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = this.options.MaxRequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>True when a model is configured; otherwise every question fails at once.</summary>
    public bool Enabled { get; }

    /// <summary>The model's name, e.g. <c>gemini-2.5-flash</c>.</summary>
    public string Model => options.Model;

    /// <summary>
    /// Asks, then hands the parsed JSON to <paramref name="validate"/>, which returns the answer or throws
    /// <see cref="AnswerRejectedException"/>. Never throws for the model's failures; cancellation of
    /// <paramref name="cancellationToken"/> is the caller's and propagates.
    /// </summary>
    public async Task<StructuredAnswer<T>> AskAsync<T>(StructuredPrompt prompt, Func<JsonElement, T> validate, CancellationToken cancellationToken)
        where T : class
    {
        if (chat is null)
        {
            return Failed<T>($"{Name} is not configured");
        }
        using var minute = perMinute.AttemptAcquire();
        if (!minute.IsAcquired)
        {
            return Failed<T>($"{Name}'s cap of {options.MaxRequestsPerMinute} requests per minute was reached (ModelOps:AI:MaxRequestsPerMinute)");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        string text;
        try
        {
            using var slot = await concurrency.AcquireAsync(1, timeout.Token);
            if (!slot.IsAcquired)
            {
                return Failed<T>($"{Name} already has {options.MaxConcurrency} questions in flight and {options.QueueLength} waiting (ModelOps:AI:MaxConcurrency)");
            }
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)],
                new ChatOptions
                {
                    ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.Schema, prompt.SchemaName),
                    Temperature = 0.2f,
                },
                timeout.Token);
            text = response.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed<T>($"{Name} did not answer within {Seconds(options.Timeout)} (ModelOps:AI:Timeout)");
        }
        catch (ClientResultException failure) when (failure.Status > 0)
        {
            var attempts = IsRetriable(failure.Status) ? options.MaxRetries + 1 : 1;
            return Failed<T>($"{Name} answered HTTP {failure.Status} after {attempts} attempt{(attempts == 1 ? "" : "s")}");
        }
        catch (Exception failure) when (failure is ClientResultException or HttpRequestException or IOException)
        {
            return Failed<T>($"{Name} could not be reached after {options.MaxRetries + 1} attempts: {failure.GetBaseException().Message}");
        }
        return Validate(text, validate);
    }

    private static StructuredAnswer<T> Validate<T>(string text, Func<JsonElement, T> validate) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            return Failed<T>($"{Name}'s answer is not JSON ({error.Message.Split(" Path:")[0].TrimEnd('.')})");
        }
        using (document)
        {
            try
            {
                return new StructuredAnswer<T>(validate(document.RootElement), null);
            }
            catch (AnswerRejectedException rejected)
            {
                return Failed<T>($"{Name}'s answer {rejected.Message}");
            }
        }
    }

    /// <summary>What <see cref="System.ClientModel.Primitives.ClientRetryPolicy"/>'s default classifier retries.</summary>
    private static bool IsRetriable(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static StructuredAnswer<T> Failed<T>(string reason) where T : class => new(null, reason);

    public void Dispose()
    {
        concurrency.Dispose();
        perMinute.Dispose();
        chat?.Dispose();
    }
}
