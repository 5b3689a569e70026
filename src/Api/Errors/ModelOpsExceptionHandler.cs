using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Grains;
using Orleans.Runtime;

namespace ModelOps.Api.Errors;

/// <summary>Turns the failures every endpoint can meet into problem+json, in one place.</summary>
public sealed class ModelOpsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException raised => raised.Problem,
            ModelNotFoundException notFound => Problems.ModelNotFound(notFound.ModelId),
            InvalidRequestException invalid => Problems.Invalid(invalid.Field, invalid.Reason),
            Configuration.ConfigDocumentException document => Problems.InvalidDocument(document.Path, document.Line, document.Column, document.Reason),
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Detail },
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.TooLarge("The request body is larger than the server accepts."),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
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
}
