using System.CommandLine;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary><c>orch cluster tail</c>: the current members, then every member event as it happens, until Ctrl-C.</summary>
internal sealed class ClusterTailCommand : Command
{
    public ClusterTailCommand()
        : base("tail", "Print the current members, then each member event (joined, up, leaving, exiting, removed, unreachable, reachable, leader-changed) until Ctrl-C")
    {
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var interrupt = CtrlC.Cancels(cancellationToken);
        using var client = cli.CreateClient();
        try
        {
            await foreach (var clusterEvent in client.ClusterTailAsync(interrupt.Token))
            {
                cli.Output.ClusterEvent(clusterEvent);
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            // Ctrl-C is how a tail ends.
        }

        return OrchCli.Success;
    }
}
