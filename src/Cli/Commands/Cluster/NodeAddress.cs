using System.CommandLine;

namespace Orchestrator.Cli.Commands.Cluster;

/// <summary>The ADDRESS argument of the cluster verbs: a member's address as <c>orch cluster show</c> prints it.</summary>
internal static class NodeAddress
{
    public static Argument<string> Argument(string what) => new("address")
    {
        Description = $"{what}, as `orch cluster show` prints it, e.g. akka.ssl.tcp://orch@10.0.0.5:4053",
    };
}
