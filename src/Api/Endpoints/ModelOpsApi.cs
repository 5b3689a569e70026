using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Audit;

namespace ModelOps.Api.Endpoints;

/// <summary>The REST and WebSocket API under <c>/api/v1</c>, as a table of its resources.</summary>
public static class ModelOpsApi
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// Builds the <c>/api/v1</c> group (audited: <see cref="AuditFilter"/>) and, once, the <c>/models/{id}</c> group whose id
    /// every handler below it can trust (<see cref="ModelIdFilter"/>) and whose model is in the caller's scope
    /// (<see cref="ModelScopeFilter"/>); each resource maps its routes into them, each route with the role it needs.
    /// </summary>
    public static IEndpointRouteBuilder MapModelOpsApi(this IEndpointRouteBuilder routes)
    {
        // Every successful change below is recorded in the audit trail, once, here.
        var api = routes.MapGroup(Prefix).AddEndpointFilter<AuditFilter>();
        var model = api.MapGroup("/models/{id}").AddEndpointFilter<ModelIdFilter>().AddEndpointFilter<ModelScopeFilter>()
            .ProducesValidationProblem();
        api.MapModelsApi(model);
        model.MapDriftApi();
        model.MapConfigApi();
        api.MapAlertsApi(model);
        api.MapNotificationsApi();
        api.MapStreamApi();
        api.MapClusterApi();
        api.MapKeysApi();
        api.MapSessionApi();
        api.MapAuditApi();
        return routes;
    }

    /// <summary>The routes of one resource under a shared group, tagged for the document.</summary>
    internal static RouteGroupBuilder Resource(this RouteGroupBuilder group, string tag) => group.MapGroup("").WithTags(tag);
}
