using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Lifecycle;

/// <summary>
/// An alert that changed state. <see cref="Alert"/> is the live record: take its <see cref="AlertRecord.ToView"/>
/// before the next evaluation changes it.
/// </summary>
/// <param name="Alert">The alert, as it is now.</param>
/// <param name="From">The state before; null for a new alert (then <paramref name="To"/> is pending, or firing when the rule's <c>for</c> is 0).</param>
/// <param name="To">The state it is in now.</param>
public sealed record AlertTransition(AlertRecord Alert, AlertState? From, AlertState To);
