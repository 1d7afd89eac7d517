using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>One row per shard region of the node: its type, whether it hosts shards here, and its actor path.</summary>
    public void ShardRegions(ShardRegionsResponse regions)
    {
        if (Json)
        {
            WriteJson(regions);
            return;
        }

        Heading($"shard regions of {regions.Node}");
        var table = new TextTable("type", "mode", "path");
        foreach (var region in regions.Regions)
        {
            table.AddRow(region.TypeName, region.Hosted ? "hosted" : "proxy", region.Path);
        }

        table.WriteTo(_stdout);
    }

    /// <summary>One row per node hosting the type: its shards and entities; then the totals.</summary>
    public void RegionStats(RegionStatsResponse stats)
    {
        if (Json)
        {
            WriteJson(stats);
            return;
        }

        Heading($"region {stats.TypeName}");
        var table = new TextTable("node", "shards", "entities");
        foreach (var node in stats.Nodes)
        {
            table.AddRow(node.Address, Count(node.Shards), Count(node.Entities));
        }

        table.AddRow("total", Count(stats.Shards), Count(stats.Entities));
        table.WriteTo(_stdout);
        if (!stats.Failed.IsEmpty)
        {
            Note($"shards that did not report in time (their entities are not counted): {string.Join(", ", stats.Failed)}");
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
