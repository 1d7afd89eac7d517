using Orchestrator.Actors.Persistence;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Events;

/// <summary>
/// Turns journal events into timeline entries through the first family that knows each event. An event none knows
/// (one added since) still shows: kind = its manifest, with a generic summary.
/// </summary>
internal static class TimelineMapper
{
    /// <summary>Every family of summaries; a new family of events adds its own here.</summary>
    public static readonly IReadOnlyList<ITimelineFamily> Families = [new DeploymentTimeline(), new AppTimeline(), new RouteTableTimeline(), new StackTimeline()];

    public static TimelineEntry Map(JournalEvent stored, string app, object? previous)
    {
        var summary = Families.Select(family => family.Summarize(stored.Event, previous)).FirstOrDefault(s => s is not null)
            ?? Unknown(stored.Event);
        return new TimelineEntry(
            summary.At ?? stored.WrittenAt,
            app,
            summary.DeploymentId ?? PersistenceIds.DeploymentOf(stored.PersistenceId),
            summary.Kind,
            summary.Summary,
            stored.PersistenceId,
            stored.SequenceNr);
    }

    private static TimelineSummary Unknown(object @event)
    {
        var kind = EventManifests.ByType.TryGetValue(@event.GetType(), out var manifest) ? manifest : @event.GetType().Name;
        return new TimelineSummary(kind, $"{kind} (no summary for this event yet)");
    }
}
