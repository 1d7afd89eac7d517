using Orchestrator.Actors.Routing;

namespace Orchestrator.Events;

/// <summary>
/// A route table's versions (<c>route-table-{app}</c>): a switch when the active deployment changed from the version
/// before, a removal when a deployment left the table, otherwise an update (destinations, listeners).
/// </summary>
internal sealed class RouteTableTimeline : ITimelineFamily
{
    public TimelineSummary? Summarize(object @event, object? previous)
    {
        if (@event is not RouteTableChanged { Table: var table })
        {
            return null;
        }

        var before = (previous as RouteTableChanged)?.Table;
        var version = $"route table v{table.Version}";
        if (table.ActiveDeploymentId != before?.ActiveDeploymentId)
        {
            var from = before?.ActiveDeploymentId is { } old ? $" from {old}" : "";
            return table.ActiveDeploymentId is { } active
                ? new("route.switched", $"traffic switched to {active}{from} ({version})", active)
                : new("route.switched", $"no active deployment any more{from} ({version})", before?.ActiveDeploymentId);
        }

        var gone = before is null ? [] : before.Deployments.Keys.Where(id => !table.Deployments.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        return gone.Count > 0
            ? new("route.removed", $"{string.Join(", ", gone)} left the route table ({version})", gone[0])
            : new("route.updated", $"{version}: active {table.ActiveDeploymentId ?? "none"}, {table.Deployments.Count} deployment(s)", table.ActiveDeploymentId);
    }
}
