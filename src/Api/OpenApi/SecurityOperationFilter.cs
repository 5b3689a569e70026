using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using ModelOps.Api.Security;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// States who may call each operation: the two ways to send a key (<see cref="Bearer"/>, <see cref="ApiKey"/>) as
/// alternatives, the role the operation needs as <c>x-modelops-role</c> and in its description, and the 401 and 403
/// that follow from them. An operation that needs no key (signing in) says so with an empty requirement.
/// </summary>
public sealed class SecurityOperationFilter : IOperationFilter
{
    public const string Bearer = "bearer";
    public const string ApiKey = "apiKey";
    public const string RoleExtension = "x-modelops-role";

    public static void Define(SwaggerGenOptions swagger)
    {
        swagger.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (mov_…) as 'Authorization: Bearer <key>'. Admins create keys with POST /api/v1/keys. "
                + "A WebSocket client that cannot set headers sends ?access_token=<key>; the dashboard sends its session cookie.",
        });
        swagger.AddSecurityDefinition(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Contracts.ApiKeyHeaders.ApiKey,
            Description = "An API key (mov_…) as 'X-API-Key: <key>'.",
        });
        swagger.OperationFilter<SecurityOperationFilter>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var policy = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(name => name is not null);
        if (metadata.OfType<IAllowAnonymous>().Any() || policy is null)
        {
            operation.Security = [];
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] },
        ];
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[RoleExtension] = new JsonNodeExtension(JsonValue.Create(policy));
        var text = (operation.Description ?? operation.Summary ?? "").TrimEnd();
        operation.Description = $"{text}{(text.Length == 0 || text.EndsWith('.') ? "" : ".")} Needs the role {policy} or above.".TrimStart();
        operation.Responses ??= [];
        Problem(operation, context, StatusCodes.Status401Unauthorized, "No valid API key: the problem says how to get one.");
        Problem(operation, context, StatusCodes.Status403Forbidden, $"The key's role is below {policy}: the problem names the role needed.");
    }

    private static void Problem(OpenApiOperation operation, OperationFilterContext context, int status, string description) =>
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                },
            },
        };
}
