using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Tests;

/// <summary>The operator console's cluster verbs and <c>orch deployments</c>, scripted.</summary>
internal sealed partial class ScriptedControlPlane
{
    public Task<CommandResult> LeaveAsync(LeaveRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new CommandResult(true, $"{request.Address} is leaving the cluster"));
    }

    public Task<CommandResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return request.Address.StartsWith("akka", StringComparison.Ordinal)
            ? Task.FromResult(new CommandResult(true, $"asked {request.Address} to join"))
            : throw new ControlPlaneException(400, $"'{request.Address}' is not a node address", "copy it from `orch cluster show`");
    }

    public Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DownUnreachableResult(true, "marked down 1 unreachable member(s): akka.tcp://orch@127.0.0.1:4054", ["akka.tcp://orch@127.0.0.1:4054"]));

    /// <summary>The sample cluster's members as events, then nothing until cancelled, as a quiet cluster.</summary>
    public async IAsyncEnumerable<ClusterEvent> ClusterEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var member in SampleCluster().Members)
        {
            yield return new ClusterEvent(ClusterEventKinds.Up, member.Address, member.Status, member.Roles, DateTimeOffset.UnixEpoch);
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<DeploymentsResponse> DeploymentsAsync(CancellationToken cancellationToken) => Task.FromResult(SampleDeployments());

    public static DeploymentsResponse SampleDeployments() => new(
    [
        new DeploymentRow("api", "api-2", "akka.tcp://orch@127.0.0.1:4053", "active", true, "r2", DateTimeOffset.UnixEpoch.AddHours(2), DateTimeOffset.UnixEpoch.AddHours(2), new ConnectionStatus(3, 1, 0)),
        new DeploymentRow("api", "api-1", "akka.tcp://orch@127.0.0.1:4053", "draining", false, "r1", DateTimeOffset.UnixEpoch.AddHours(1), DateTimeOffset.UnixEpoch.AddHours(1), new ConnectionStatus(1, 0, 2)),
    ],
        UnavailableApps: ImmutableDictionary<string, string>.Empty.Add("web", "it did not answer"));
}
