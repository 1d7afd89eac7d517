using Akka.Cluster.Sharding;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;

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

/// <summary>Routes stack commands to the stack entity of the same name.</summary>
internal sealed class StackMessageExtractor() : HashCodeMessageExtractor(AppMessageExtractor.MaxShards)
{
    public override string? EntityId(object message) => (message as IStackCommand)?.Stack;
}

/// <summary>Registry keys of the node's well-known actors.</summary>
internal sealed class AppRegion;

internal sealed class RouteTableRegion;

internal sealed class StackRegion;
