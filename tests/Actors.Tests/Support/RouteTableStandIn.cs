using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// An autopilot for a route-table probe: every change succeeds at once and every drain is idle. For specs about the
/// app rather than about the switch; the messages still reach the probe's queue.
/// </summary>
internal sealed class RouteTableStandIn : AutoPilot
{
    public override AutoPilot Run(IActorRef sender, object message)
    {
        object? reply = message switch
        {
            ActivateRoute m => Updated(m.App),
            RegisterDrainingRoute m => Updated(m.App),
            RemoveRoute m => Updated(m.App),
            ClearRoutes m => Updated(m.App),
            GetDrainStatus m => new DrainStatus(m.DeploymentId, ConnectionCounts.Zero, Fresh: true),
            _ => null,
        };
        if (reply is not null)
        {
            sender.Tell(reply);
        }

        return this;
    }

    public static RouteUpdated Updated(string app) => new(app, RouteTable.Empty(app));
}
