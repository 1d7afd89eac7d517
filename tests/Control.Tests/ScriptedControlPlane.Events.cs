using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Tests;

/// <summary>The event log of the scripted plane: one deployment's creation, and an unknown app refused.</summary>
internal sealed partial class ScriptedControlPlane
{
    public async IAsyncEnumerable<TimelineEntry> EventsAsync(EventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (request.App is { } app && app != "web")
        {
            throw new ControlPlaneException(404, $"the journal holds no events of an app named '{app}'");
        }

        await Task.Yield();
        yield return new TimelineEntry(
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), "web", "web-1", "deployment.created", "web-1 created", "deployment-web-1", 1);
    }
}
