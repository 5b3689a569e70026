using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Grains;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace ModelOps.Api.Errors;

/// <summary>
/// Turns the failures every endpoint can meet into problem+json, in one place: handlers, filters and binding throw,
/// and this maps what they threw.
/// </summary>
public sealed class ModelOpsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>A silo lost is declared dead within seconds (see the README's cluster section); a second is a fair first wait.</summary>
    private const string RetryAfterSeconds = "1";

    /// <summary>
    /// Failures of the cluster rather than of the request: a silo that stopped or died, a message that could not be
    /// delivered while a model moves, a storage write that lost to the model's new activation, Redis unreachable.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is SiloUnavailableException or OrleansMessageRejectionException
        or TimeoutException or ConnectionFailedException or InconsistentStateException or ClientNotAvailableException
        or StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException raised => raised.Problem,
            ModelNotFoundException notFound => Problems.ModelNotFound(notFound.ModelId).Value,
            InvalidRequestException invalid => Problems.Invalid(invalid.Field, invalid.Reason),
            Configuration.ConfigDocumentException document => Problems.InvalidDocument(document.Path, document.Line, document.Column, document.Reason),
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Detail },
            BadHttpRequestException { InnerException: JsonException json } => BindingProblems.Json(context, json.Path),
            JsonException json when BindingProblems.IsBodyError(context) => BindingProblems.Json(context, json.Path),
            BadHttpRequestException bad => Binding(context, bad),
            _ when IsTransient(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The monitoring cluster did not answer in time (a silo may be stopping, or its models moving to another silo); nothing of this request was acknowledged. Retry after the Retry-After delay.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A request that did not bind or could not be read, by its status code and the endpoint's parameters.</summary>
    private static ProblemDetails Binding(HttpContext context, BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(
            $"The body is larger than the {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes this operation accepts."),
        StatusCodes.Status415UnsupportedMediaType => Problems.UnsupportedMediaType(
            context.Request.ContentType, BindingProblems.EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []),
        _ => BindingProblems.Query(context)
             ?? (BindingProblems.EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>() is { IsOptional: false } && context.Request.HasJsonContentType()
                 ? BindingProblems.Json(context, "$")
                 : new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message }),
    };
}
