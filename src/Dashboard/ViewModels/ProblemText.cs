using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>What a failed call says to people: each invalid field with its reason, or the problem's detail.</summary>
public static class ProblemText
{
    /// <summary>One line per invalid field (<c>rules[1].threshold: expected a finite number</c>), else the detail, else why the call failed.</summary>
    public static IReadOnlyList<string> Lines(Exception failure) => failure switch
    {
        ModelOpsApiException { Problem.Errors: { Count: > 0 } errors } =>
            [.. errors.SelectMany(error => error.Value.Select(reason => $"{error.Key}: {reason}"))],
        ModelOpsApiException api => [api.Problem?.Detail ?? api.Problem?.Title ?? $"The server answered HTTP {api.StatusCode}."],
        HttpRequestException transport => [$"The server could not be reached: {transport.Message}"],
        _ => ["The request was abandoned before the server answered."],
    };

    /// <summary>The failures a call to the API can end in, which a form shows rather than lets escape.</summary>
    public static bool IsCallFailure(Exception failure) =>
        failure is ModelOpsApiException or HttpRequestException or TaskCanceledException;
}
