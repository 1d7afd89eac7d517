using System.CommandLine;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster down-unreachable</c>: marks down every member the answering node sees unreachable.</summary>
internal sealed class ClusterDownUnreachableCommand : Command
{
    public ClusterDownUnreachableCommand()
        : base("down-unreachable", "Mark down every member the answering node sees unreachable (none is fine): their apps move to the other workers")
    {
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.DownUnreachableAsync(cancellationToken);
        cli.Output.DownUnreachable(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
