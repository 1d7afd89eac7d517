namespace Orchestrator.Events;

/// <summary>
/// Summaries of one family of events (a deployment's, an app's, a route table's). A new family of events (hooks, stack
/// runs) adds one implementation to <see cref="TimelineMapper.Families"/>; events no family knows still show, by manifest.
/// </summary>
internal interface ITimelineFamily
{
    /// <summary>
    /// The summary of <paramref name="event"/>, or null when it is not of this family. <paramref name="previous"/> is
    /// the event stored just before it under the same persistence id, when the log has read it (a route table's switch
    /// is told by comparing the two).
    /// </summary>
    TimelineSummary? Summarize(object @event, object? previous);
}
