using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

/// <summary>The event log's route.</summary>
internal sealed partial class ControlClient
{
    public IAsyncEnumerable<TimelineEntry> EventsAsync(EventsRequest request, CancellationToken cancellationToken) =>
        StreamAsync<TimelineEntry>(
            new("GET", "/v1/events" + Query(
                ("app", request.App),
                ("since", request.Since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                ("limit", request.Limit?.ToString(CultureInfo.InvariantCulture)),
                ("follow", request.Follow ? "true" : "false"))),
            cancellationToken);
}
