using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Routing;

/// <summary>Checks a new silence; throws <see cref="InvalidRequestException"/> naming the field.</summary>
public static class SilenceValidator
{
    public const int MaxTextLength = 500;

    public static Silence Validate(Silence silence, DateTimeOffset now)
    {
        var matchers = silence.Matchers;
        if (matchers is null || (matchers.ModelId is null && matchers.RuleId is null && matchers.Severity is null))
        {
            throw new InvalidRequestException("matchers", "required: at least one of modelId, ruleId and severity, so a silence never mutes everything by accident");
        }
        if (matchers.ModelId is { } modelId && !ModelId.IsValid(modelId))
        {
            throw new InvalidRequestException("matchers.modelId", $"'{modelId}' is not a valid model id: use {ModelId.Rule}");
        }
        if (matchers.RuleId is { Length: 0 or > 64 })
        {
            throw new InvalidRequestException("matchers.ruleId", "expected a rule id of 1 to 64 characters");
        }
        if (silence.EndsAt is not { } endsAt)
        {
            throw new InvalidRequestException("endsAt", "required: when the silence ends, e.g. 2026-11-29T18:00:00Z");
        }
        var startsAt = silence.StartsAt ?? now;
        if (endsAt <= startsAt || endsAt <= now)
        {
            throw new InvalidRequestException("endsAt", $"{endsAt:O} is not after the start ({startsAt:O}) and now ({now:O})");
        }
        if (silence.Comment is { Length: > MaxTextLength })
        {
            throw new InvalidRequestException("comment", $"at most {MaxTextLength} characters");
        }
        if (silence.CreatedBy is { Length: > MaxTextLength })
        {
            throw new InvalidRequestException("createdBy", $"at most {MaxTextLength} characters");
        }
        return silence with { StartsAt = startsAt };
    }
}
