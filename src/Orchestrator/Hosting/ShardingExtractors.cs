using Akka.Cluster.Sharding;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Hosting;

/// <summary>Routes app commands to the app entity of the same name.</summary>
internal sealed class AppMessageExtractor() : HashCodeMessageExtractor(MaxShards)
{
    public const int MaxShards = 30;

    public override string? EntityId(object message) => (message as IAppCommand)?.App;
}

/// <summary>Routes route-table commands to the app's route table entity.</summary>
internal sealed class RouteTableMessageExtractor() : HashCodeMessageExtractor(AppMessageExtractor.MaxShards)
{
    public override string? EntityId(object message) => (message as IRouteTableCommand)?.App;
}

/// <summary>Registry keys of the node's well-known actors.</summary>
internal sealed class AppRegion;

internal sealed class RouteTableRegion;
