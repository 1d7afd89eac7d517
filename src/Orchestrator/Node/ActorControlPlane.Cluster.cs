using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>The operator console's cluster verbs and <c>orch deployments</c>.</summary>
internal sealed partial class ActorControlPlane
{
    public async Task<CommandResult> LeaveAsync(LeaveRequest request, CancellationToken cancellationToken) =>
        ClusterMembers.Leave((await actors).System, request.Address);

    public async Task<CommandResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken) =>
        ClusterMembers.Join((await actors).System, request.Address);

    public async Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken) =>
        ClusterMembers.DownUnreachable((await actors).System);

    public async IAsyncEnumerable<ClusterEvent> ClusterEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var node = await actors;
        var channel = Channel.CreateUnbounded<ClusterEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var forwarder = node.System.ActorOf(ClusterEventForwarder.Props(channel.Writer));
        try
        {
            await foreach (var clusterEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return clusterEvent;
            }
        }
        finally
        {
            forwarder.Tell(PoisonPill.Instance);
        }
    }

    /// <summary>The status of every app (each asked of the node hosting it), one row per deployment.</summary>
    public async Task<DeploymentsResponse> DeploymentsAsync(CancellationToken cancellationToken) =>
        DeploymentRows.From(await StatusAsync(null, cancellationToken));
}
