using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch cluster-sharding regions|region-stats</c>: pbm's sharding palette, answered by the node.</summary>
internal sealed class ClusterShardingCommand : Command
{
    private static readonly Option<string> Region = new("--region", "-r")
    {
        Description = "The entity type, as `orch cluster-sharding regions` lists it (apps, route-tables)",
        HelpName = "TYPE",
        Required = true,
    };

    public ClusterShardingCommand()
        : base("cluster-sharding", "Inspect the node's shard regions")
    {
        var regions = new Command("regions", "List the shard regions of the node: each entity type, hosted here or a proxy");
        regions.SetAction(CliAction.Run(RegionsAsync));
        Subcommands.Add(regions);

        var stats = new Command("region-stats", "Count the shards and entities of one type on every node that hosts it");
        stats.Options.Add(Region);
        stats.SetAction(CliAction.Run(RegionStatsAsync));
        Subcommands.Add(stats);
    }

    private static async Task<int> RegionsAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.ShardRegions(await client.ShardRegionsAsync(cancellationToken));
        return OrchCli.Success;
    }

    private static async Task<int> RegionStatsAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.RegionStats(await client.RegionStatsAsync(new RegionStatsRequest(parseResult.GetRequiredValue(Region)), cancellationToken));
        return OrchCli.Success;
    }
}
