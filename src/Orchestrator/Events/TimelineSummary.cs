namespace Orchestrator.Events;

/// <summary>
/// What a family makes of one event: a stable <paramref name="Kind"/>, a one-line summary, the deployment it is about
/// when the event names one, and the event's own time when it carries one (else the journal's write time is used).
/// </summary>
internal sealed record TimelineSummary(string Kind, string Summary, string? DeploymentId = null, DateTimeOffset? At = null);
