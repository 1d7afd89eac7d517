using Orchestrator.Control.Contracts;
using Spectre.Console;

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

        Terminal.Write(new Rule(Markup.Escape($"cluster seen from {cluster.Self}  leader {cluster.Leader ?? "-"}  oldest {cluster.Oldest ?? "-"}")).LeftJustified());
        var table = new Table().Border(TableBorder.Simple).AddColumns("node", "status", "reachable", "roles", "apps");
        foreach (var member in cluster.Members)
        {
            table.AddRow(
                Cell(member.Address + (member.Address == cluster.Self ? " (self)" : "")),
                Cell(member.Status),
                Cell(member.Reachable ? "yes" : "NO"),
                Cell(string.Join(',', member.Roles)),
                Cell(AppsOf(member)));
        }

        Terminal.Write(table);
    }

    /// <summary>"?" only for a worker that did not answer; a router-only node hosts no apps.</summary>
    private static string AppsOf(ClusterMember member) => member.Apps switch
    {
        { IsEmpty: true } => "-",
        { } apps => string.Join(' ', apps),
        null => member.Roles.Contains(ClusterMember.WorkerRole) ? "?" : "-",
    };
}
