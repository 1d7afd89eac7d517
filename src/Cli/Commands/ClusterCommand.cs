using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch cluster show|down</c>: the cluster's members, and taking a dead node out of it.</summary>
internal sealed class ClusterCommand : Command
{
    private static readonly Argument<string> Address = new("address")
    {
        Description = "The node's address as `orch cluster show` prints it, e.g. akka.tcp://orch@10.0.0.5:4053",
    };

    public ClusterCommand()
        : base("cluster", "Show the cluster's nodes, or mark a dead one down")
    {
        var show = new Command("show", "List the nodes with their status, roles and apps");
        show.SetAction(CliAction.Run(ShowAsync));
        Subcommands.Add(show);

        var down = new Command("down", "Mark a node down (it crashed or is cut off): its apps move to the other worker nodes");
        down.Arguments.Add(Address);
        down.SetAction(CliAction.Run(DownAsync));
        Subcommands.Add(down);
    }

    private static async Task<int> ShowAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.Cluster(await client.ClusterAsync(cancellationToken));
        return OrchCli.Success;
    }

    private static async Task<int> DownAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.DownAsync(new DownRequest(parseResult.GetRequiredValue(Address)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
