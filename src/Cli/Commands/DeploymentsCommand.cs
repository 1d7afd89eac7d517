using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch deployments</c>: every deployment across the cluster with its node, state and connections.</summary>
internal sealed class DeploymentsCommand : Command
{
    public DeploymentsCommand()
        : base("deployments", "List every deployment of every app across the cluster: its node, state, revision and open connections")
    {
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.Deployments(await client.DeploymentsAsync(cancellationToken));
        return OrchCli.Success;
    }
}
