using System.CommandLine;
using Orchestrator.Cli.HandOff;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch cluster show|down|init-cert</c>: the cluster's members, taking a dead node out of it, and its certificate.</summary>
internal sealed class ClusterCommand : Command
{
    private static readonly Argument<string> Address = new("address")
    {
        Description = "The node's address as `orch cluster show` prints it, e.g. akka.ssl.tcp://orch@10.0.0.5:4053",
    };

    public ClusterCommand()
        : base("cluster", "Show the cluster's nodes, mark a dead one down, or create the cluster's certificate")
    {
        var show = new Command("show", "List the nodes with their status, roles and apps");
        show.SetAction(CliAction.Run(ShowAsync));
        Subcommands.Add(show);

        var down = new Command("down", "Mark a node down (it crashed or is cut off): its apps move to the other worker nodes");
        down.Arguments.Add(Address);
        down.SetAction(CliAction.Run(DownAsync));
        Subcommands.Add(down);

        Subcommands.Add(new HandedOverCommand("init-cert", "Write a new self-signed cluster certificate and key; give the same file to every node with --cluster-cert", OrchExecutables.Daemon));
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
