using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>One row per node: address, status, reachability, roles and the apps it hosts.</summary>
    public void Cluster(ClusterStatus cluster)
    {
        if (Json)
        {
            WriteJson(cluster);
            return;
        }

        Heading($"cluster seen from {cluster.Self}  leader {cluster.Leader ?? "-"}  oldest {cluster.Oldest ?? "-"}");
        var table = new TextTable("node", "status", "reachable", "roles", "apps");
        foreach (var member in cluster.Members)
        {
            table.AddRow(
                member.Address + (member.Address == cluster.Self ? " (self)" : ""),
                member.Status,
                member.Reachable ? "yes" : "NO",
                string.Join(',', member.Roles),
                AppsOf(member));
        }

        table.WriteTo(_stdout);
    }

    /// <summary>"?" only for a worker that did not answer; a router-only node hosts no apps.</summary>
    private static string AppsOf(ClusterMember member) => member.Apps switch
    {
        { IsEmpty: true } => "-",
        { } apps => string.Join(' ', apps),
        null => member.Roles.Contains(ClusterMember.WorkerRole) ? "?" : "-",
    };
}
