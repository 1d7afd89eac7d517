using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster down ADDRESS</c>: takes a dead or cut-off node out of the cluster.</summary>
internal sealed class ClusterDownCommand : Command
{
    private static readonly Argument<string> Address = NodeAddress.Argument("The node to mark down");

    public ClusterDownCommand()
        : base("down", "Mark a node down (it crashed or is cut off): its apps move to the other worker nodes")
    {
        Arguments.Add(Address);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.DownAsync(new DownRequest(parseResult.GetRequiredValue(Address)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
