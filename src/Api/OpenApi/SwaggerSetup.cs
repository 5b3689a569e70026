using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using ModelOps.Contracts;

namespace ModelOps.Api.OpenApi;

public static class SwaggerSetup
{
    public static IServiceCollection AddModelOpsSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ModelOps Vision API",
                Version = "v1",
                Description = "Monitor machine-learning models in production: send inference events, read rolling metrics, "
                    + "and watch live updates on the WebSocket at /api/v1/stream.",
            });
            foreach (var assembly in new[] { typeof(SwaggerSetup).Assembly, typeof(Contracts.ModelView).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                {
                    swagger.IncludeXmlComments(xml);
                }
            }
            swagger.SupportNonNullableReferenceTypes();
            swagger.UseAllOfToExtendReferenceSchemas();
            swagger.MapType<TimeSpan>(WireSchemas.TimeSpan);
            // Types whose JSON converters write something other than their members, inline where they are used.
            swagger.MapType<ScalarValue>(WireSchemas.ScalarValue);
            swagger.MapType<Duration>(WireSchemas.Duration);
            swagger.SchemaFilter<WireSchemaFilter>();
            swagger.DocumentFilter<NullableReferencesFilter>();
            swagger.DocumentFilter<ResponseMembersFilter>();
            swagger.DocumentFilter<DocumentInfoFilter>();
            swagger.OperationFilter<WireOperationFilter>();
            swagger.OperationFilter<ExamplesOperationFilter>();
            SecurityOperationFilter.Define(swagger);
        });
        return services;
    }

    public static WebApplication UseModelOpsSwagger(this WebApplication app)
    {
        app.UseSwagger(swagger =>
        {
            swagger.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The server a client reached the document on is the one it should call.
            swagger.PreSerializeFilters.Add((document, request) => document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}" }]);
        });
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "ModelOps Vision API v1");
            ui.DocumentTitle = "ModelOps Vision API";
        });
        return app;
    }
}
