using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>
    /// pbm's shape: one line per member, <c>address | [roles] | status | reachability</c>, then the leader and the
    /// unreachable members. The apps each node hosts are in the JSON.
    /// </summary>
    public void Cluster(ClusterStatus cluster)
    {
        if (Json)
        {
            WriteJson(cluster);
            return;
        }

        foreach (var member in cluster.Members)
        {
            _stdout.WriteLine(MemberLine(member));
        }

        var unreachable = cluster.Members.Where(m => !m.Reachable).Select(m => m.Address).ToList();
        _stdout.WriteLine($"leader: {cluster.Leader ?? "none"}");
        _stdout.WriteLine($"unreachable: {(unreachable.Count == 0 ? "none" : string.Join(", ", unreachable))}");
    }

    /// <summary><c>akka.ssl.tcp://orch@127.0.0.2:4053 | [control,router,worker] | up | reachable</c>.</summary>
    private static string MemberLine(ClusterMember member) =>
        $"{member.Address} | [{string.Join(',', member.Roles)}] | {member.Status} | {(member.Reachable ? "reachable" : "unreachable")}";

    /// <summary>What <c>orch cluster down-unreachable</c> did: the members it marked down, or that none was unreachable.</summary>
    public void DownUnreachable(DownUnreachableResult result)
    {
        if (Json)
        {
            WriteJson(result);
            return;
        }

        Success(result.Message);
    }

    /// <summary>One line per event as it happens (<c>10:25:28 up akka.ssl.tcp://orch@… [control,worker]</c>); NDJSON with --json.</summary>
    public void ClusterEvent(ClusterEvent clusterEvent)
    {
        if (Json)
        {
            WriteJson(clusterEvent);
            return;
        }

        var time = clusterEvent.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        PlainLine(clusterEvent.Kind == ClusterEventKinds.LeaderChanged
            ? $"{time} {clusterEvent.Kind} {clusterEvent.Address ?? "none"}"
            : $"{time} {clusterEvent.Kind} {clusterEvent.Address} [{string.Join(',', clusterEvent.Roles)}]");
    }
}
