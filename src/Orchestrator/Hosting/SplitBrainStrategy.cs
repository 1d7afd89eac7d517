namespace Orchestrator.Hosting;

/// <summary>Which side of a partitioned cluster goes on; the other side's nodes are downed and exit.</summary>
public enum SplitBrainStrategy
{
    /// <summary>The side with more daemons; of two equal sides, the one with the lowest address. Needs three daemons to survive a crash.</summary>
    KeepMajority,

    /// <summary>The side with the oldest daemon; a cluster of two stays available when the younger one crashes.</summary>
    KeepOldest,
}

/// <summary>The names <c>--split-brain</c> takes, which are Akka's own strategy names.</summary>
public static class SplitBrainStrategies
{
    public const string Names = "keep-majority or keep-oldest";

    public static bool TryParse(string text, out SplitBrainStrategy strategy)
    {
        switch (text.ToLowerInvariant())
        {
            case "keep-majority":
                strategy = SplitBrainStrategy.KeepMajority;
                return true;
            case "keep-oldest":
                strategy = SplitBrainStrategy.KeepOldest;
                return true;
            default:
                strategy = default;
                return false;
        }
    }

    /// <summary>Akka's name for it in <c>akka.cluster.split-brain-resolver.active-strategy</c>.</summary>
    public static string HoconName(this SplitBrainStrategy strategy) => strategy switch
    {
        SplitBrainStrategy.KeepMajority => "keep-majority",
        _ => "keep-oldest",
    };
}
