using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Inspection;

/// <summary><c>orch log peek|tail</c>: the ring's recent lines at or above a level, then (following) each new one.</summary>
internal static class NodeLog
{
    public static async IAsyncEnumerable<NodeLogLine> ReadAsync(LogRing ring, NodeLogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!request.Follow)
        {
            foreach (var line in ring.Recent(request.Level))
            {
                yield return line;
            }

            yield break;
        }

        var (recent, subscription) = ring.Follow(request.Level, Defaults.NodeLogTailBuffer);
        using (subscription)
        {
            foreach (var line in recent)
            {
                yield return line;
            }

            await foreach (var line in subscription.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
    }
}
