using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Api.Baselines;
using ModelOps.Api.Errors;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Api.Tests.Baselines;

/// <summary>
/// Drives <see cref="BaselineReader"/> with an in-memory request, as an endpoint would, with the API's services. What
/// happens before the reader (the size limit, the Content-Type) and the JSON errors the exception handler places are
/// tried over HTTP, in <see cref="HostileInputTests"/>.
/// </summary>
internal static class BaselineUpload
{
    private static readonly IServiceProvider ApiServices = new ServiceCollection().AddModelOpsApi().BuildServiceProvider();

    public static readonly IReadOnlyList<FeatureDefinition> Declared =
    [
        new() { Name = "amount", Type = FeatureType.Numeric },
        new() { Name = "country", Type = FeatureType.Categorical },
    ];

    /// <summary>The rows as the reader checks and types them, before the profile learns the undeclared columns' types.</summary>
    public static async Task<List<IReadOnlyDictionary<string, ScalarValue>>> ReadAsync(
        string contentType, string body, BaselineLimits? limits = null)
    {
        var rows = new List<IReadOnlyDictionary<string, ScalarValue>>();
        await foreach (var row in BaselineReader.ReadRowsAsync(Request(contentType, body), Declared, limits ?? new BaselineLimits(), TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The profile the upload makes, as the endpoint hands it to the model.</summary>
    public static Task<BaselineProfile> ProfileAsync(string contentType, string body, BaselineLimits? limits = null) =>
        BaselineReader.ReadAsync(Request(contentType, body), Declared, limits ?? new BaselineLimits(), TestContext.Current.CancellationToken);

    public static async Task<ProblemException> RejectAsync(string contentType, string body, BaselineLimits? limits = null) =>
        await Assert.ThrowsAsync<ProblemException>(() => ProfileAsync(contentType, body, limits));

    private static HttpRequest Request(string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext { RequestServices = ApiServices };
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        return context.Request;
    }
}
