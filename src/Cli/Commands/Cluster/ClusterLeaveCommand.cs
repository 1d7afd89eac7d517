using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster leave ADDRESS</c>: a node leaves gracefully, handing its apps off; its daemon then exits 0.</summary>
internal sealed class ClusterLeaveCommand : Command
{
    private static readonly Argument<string> Address = NodeAddress.Argument("The node that leaves (may be the answering node itself)");

    public ClusterLeaveCommand()
        : base("leave", "Make a node leave the cluster gracefully: its apps are handed off to the other workers, then its daemon exits 0")
    {
        Arguments.Add(Address);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.LeaveAsync(new LeaveRequest(parseResult.GetRequiredValue(Address)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
