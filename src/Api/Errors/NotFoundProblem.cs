using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ModelOps.Api.Errors;

/// <summary>
/// A 404 problem+json as a typed result: a handler's <c>Results&lt;Ok&lt;T&gt;, NotFoundProblem&gt;</c> says that it
/// answers not-found, and the endpoint declares the 404 for the document by itself. Made by <see cref="Problems"/>.
/// </summary>
public sealed class NotFoundProblem : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    internal NotFoundProblem(string title, string detail) => Value = new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = title,
        Detail = detail,
    };

    public ProblemDetails Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status404NotFound;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
}
