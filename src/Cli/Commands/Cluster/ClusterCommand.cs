using System.CommandLine;
using Orchestrator.Cli.HandOff;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster …</c>: pbm's cluster verbs, answered by any node, and the cluster's certificate.</summary>
internal sealed class ClusterCommand : Command
{
    public ClusterCommand()
        : base("cluster", "Show, watch and change the cluster's membership (pbm's cluster verbs), or create the cluster's certificate")
    {
        Subcommands.Add(new ClusterShowCommand());
        Subcommands.Add(new ClusterTailCommand());
        Subcommands.Add(new ClusterLeaveCommand());
        Subcommands.Add(new ClusterDownCommand());
        Subcommands.Add(new ClusterDownUnreachableCommand());
        Subcommands.Add(new ClusterJoinCommand());
        Subcommands.Add(new HandedOverCommand("init-cert", "Write a new self-signed cluster certificate and key; give the same file to every node with --cluster-cert", OrchExecutables.Daemon));
    }
}
