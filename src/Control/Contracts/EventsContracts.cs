namespace Orchestrator.Control.Contracts;

/// <summary>
/// GET /v1/events?app=&amp;since=&amp;limit=&amp;follow=: the persisted events as a timeline, oldest first. <paramref name="Since"/>
/// (every entry at or after it) and <paramref name="Limit"/> (the last N entries) are exclusive; with neither, the
/// last <see cref="DefaultLimit"/>. Following, new entries come after the page until the client goes away.
/// </summary>
public sealed record EventsRequest(string? App, DateTimeOffset? Since, int? Limit, bool Follow)
{
    public const int DefaultLimit = 100;
}

/// <summary>
/// One entry of the event log, NDJSON in the events stream. <paramref name="At"/> is the event's own time, or the
/// journal's write time for events that carry none; <paramref name="Kind"/> is a stable name such as
/// <c>deployment.activated</c>, or the event's manifest for an event the daemon has no summary for.
/// </summary>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string App,
    string? DeploymentId,
    string Kind,
    string Summary,
    string PersistenceId,
    long SequenceNr);
