using System.CommandLine;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster show</c>: every member with its roles, status and reachability, then the leader and the unreachable.</summary>
internal sealed class ClusterShowCommand : Command
{
    public ClusterShowCommand()
        : base("show", "List the members (address | [roles] | status | reachability), the leader and the unreachable members")
    {
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.Cluster(await client.ClusterAsync(cancellationToken));
        return OrchCli.Success;
    }
}
