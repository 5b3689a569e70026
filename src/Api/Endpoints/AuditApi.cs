using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Audit;

namespace ModelOps.Api.Endpoints;

/// <summary>The audit trail: who changed what, when and from where. A group of its own, so its access policy is its own.</summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;

    internal static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", GetAudit).WithName(nameof(GetAudit)).Requires(ApiAction.ReadAudit)
            .WithSummary($"Get the newest changes made through the API, newest first, of one model with model=; the service keeps the newest {AuditTrail.MaxEntries}.")
            .ProducesValidationProblem();
        return audit;
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> GetAudit(IGrainFactory grains, string? model = null, int limit = DefaultLimit)
    {
        if (model is not null && !ModelId.IsValid(model))
        {
            throw new InvalidRequestException("model", $"'{(model.Length <= 64 ? model : model[..64] + "…")}' is not a valid model id: use {ModelId.Rule}");
        }
        if (limit is < 1 or > AuditTrail.MaxLimit)
        {
            throw new InvalidRequestException("limit", $"expected 1 to {AuditTrail.MaxLimit}, got {limit}");
        }
        return TypedResults.Ok(await grains.GetGrain<IAuditGrain>(Names.FleetKey).Newest(model, limit));
    }
}
