using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>The event log (<c>orch events</c>).</summary>
public partial interface IControlPlane
{
    /// <summary>The persisted events as a timeline, oldest first, then (following) new ones until cancelled.</summary>
    IAsyncEnumerable<TimelineEntry> EventsAsync(EventsRequest request, CancellationToken cancellationToken);
}
