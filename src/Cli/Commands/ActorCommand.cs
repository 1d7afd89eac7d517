using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch actor hierarchy</c>: pbm's view of the node's live actor tree.</summary>
internal sealed class ActorCommand : Command
{
    private static readonly Option<int?> Depth = new("--depth", "-d")
    {
        Description = $"How many levels below the start to show (0: the start alone; default: every level, at most {Defaults.ActorHierarchyMaxActors} actors)",
        HelpName = "N",
    };

    private static readonly Option<string> Start = new("--start", "-s")
    {
        Description = "The actor path to start from, e.g. /system/sharding/apps",
        DefaultValueFactory = _ => ActorHierarchyRequest.DefaultPath,
        HelpName = "PATH",
    };

    public ActorCommand()
        : base("actor", "Inspect the node's actors")
    {
        var hierarchy = new Command("hierarchy", "Show the live actor tree of the node under a path");
        Depth.Validators.Add(OptionRules.NonNegative);
        hierarchy.Options.Add(Depth);
        hierarchy.Options.Add(Start);
        hierarchy.SetAction(CliAction.Run(HierarchyAsync));
        Subcommands.Add(hierarchy);
    }

    private static async Task<int> HierarchyAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var request = new ActorHierarchyRequest(parseResult.GetRequiredValue(Start), parseResult.GetValue(Depth));
        cli.Output.ActorHierarchy(await client.ActorHierarchyAsync(request, cancellationToken));
        return OrchCli.Success;
    }
}
