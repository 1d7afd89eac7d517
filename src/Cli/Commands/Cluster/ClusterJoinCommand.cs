using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster join ADDRESS</c>: the answering node joins the cluster of a seed node.</summary>
internal sealed class ClusterJoinCommand : Command
{
    private static readonly Argument<string> Address = NodeAddress.Argument("A node of the cluster to join (a seed)");

    public ClusterJoinCommand()
        : base("join", "Make the answering node join the cluster of the node at ADDRESS")
    {
        Arguments.Add(Address);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.JoinAsync(new JoinRequest(parseResult.GetRequiredValue(Address)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
