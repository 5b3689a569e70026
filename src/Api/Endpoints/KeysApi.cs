using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;

namespace ModelOps.Api.Endpoints;

/// <summary>API keys: created with their secret shown once, listed without it, revoked. Admin only.</summary>
public static class KeysApi
{
    public const int MaxNameLength = 64;

    internal static void MapKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Keys").Requires(ApiAction.ManageKeys);
        keys.MapPost("/", CreateKey).WithName(nameof(CreateKey))
            .WithSummary("Create an API key with a role, a model scope and an optional expiry. The answer holds the secret (mov_…), shown this once: the server keeps only its SHA-256.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapGet("/", ListKeys).WithName(nameof(ListKeys))
            .WithSummary("List the API keys: name, role, scope, expiry and the first characters of the secret, never the secret.");
        keys.MapDelete("/{keyId}", RevokeKey).WithName(nameof(RevokeKey))
            .WithSummary("Revoke an API key: within a second no node of the cluster takes it.");
    }

    public static async Task<Created<CreatedApiKey>> CreateKey(ApiKeyRequest body, ApiKeyStore keys, TimeProvider clock)
    {
        var name = body.Name is { } given && IsName(given) ? given
            : throw new InvalidRequestException("name", $"required: 1–{MaxNameLength} letters, digits, '.', '_', '-' or '@'");
        var role = body.Role ?? throw new InvalidRequestException("role", "required: viewer, producer, editor or admin");
        var models = body.Models ?? [ModelScope.All];
        if (models.Count is 0 or > ModelScope.MaxPatterns)
        {
            throw new InvalidRequestException("models", $"expected 1 to {ModelScope.MaxPatterns} model ids or patterns, such as [\"*\"] or [\"fraud-*\", \"churn\"]");
        }
        for (var i = 0; i < models.Count; i++)
        {
            if (ModelScope.Check(models[i]) is { } reason)
            {
                throw new InvalidRequestException($"models[{i}]", reason);
            }
        }
        if (body.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow())
        {
            throw new InvalidRequestException("expiresAt", $"{expiresAt:O} is in the past; omit it for a key that does not expire");
        }
        var created = await keys.CreateAsync(name, role, models.Distinct(StringComparer.Ordinal).ToArray(), body.ExpiresAt);
        return TypedResults.Created($"{ModelOpsApi.Prefix}/keys/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListKeys(ApiKeyStore keys) => TypedResults.Ok(await keys.ListAsync());

    public static async Task<Results<NoContent, NotFoundProblem>> RevokeKey(string keyId, ApiKeyStore keys) =>
        await keys.RevokeAsync(keyId)
            ? TypedResults.NoContent()
            : Problems.KeyNotFound(keyId);

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
}
