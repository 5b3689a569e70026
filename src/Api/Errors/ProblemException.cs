using Microsoft.AspNetCore.Mvc;

namespace ModelOps.Api.Errors;

/// <summary>Ends a request with the given problem; raised where the problem is found, written by <see cref="ModelOpsExceptionHandler"/>.</summary>
public sealed class ProblemException(ProblemDetails problem) : Exception(problem.Detail)
{
    public ProblemDetails Problem { get; } = problem;
}
