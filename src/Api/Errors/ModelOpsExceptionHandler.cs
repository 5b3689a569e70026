using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Grains;
using Orleans.Runtime;

namespace ModelOps.Api.Errors;

/// <summary>
/// Turns the failures every endpoint can meet into problem+json, in one place: handlers, filters and binding throw,
/// and this maps what they threw.
/// </summary>
public sealed class ModelOpsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
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
            JsonException json => BindingProblems.Json(context, json.Path),
            BadHttpRequestException bad => Binding(context, bad),
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The monitoring cluster did not answer in time; retry shortly.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
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
