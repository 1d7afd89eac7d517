using System.Collections.Concurrent;
using Orchestrator.Routing;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Open connections per deployment, across every listener. Deployment ids are unique across apps
/// (<c>&lt;app&gt;-&lt;timestamp&gt;</c>), so they key the tracker alone.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, DeploymentConnections> _byDeployment = new(StringComparer.Ordinal);

    public DeploymentConnections For(string deploymentId) =>
        _byDeployment.GetOrAdd(deploymentId, static _ => new DeploymentConnections());

    public ConnectionCounts CountsOf(string deploymentId) =>
        _byDeployment.TryGetValue(deploymentId, out var connections) ? connections.Counts : ConnectionCounts.Zero;

    public int TotalOpen => _byDeployment.Values.Sum(c => c.Counts.Total);

    public long ProxyErrorsOf(string deploymentId) =>
        _byDeployment.TryGetValue(deploymentId, out var connections) ? connections.ProxyErrors : 0;

    /// <summary>Ends the deployment's open connections (see <see cref="DeploymentConnections.CloseAll"/>) and forgets it; returns how many.</summary>
    public int CloseAndForget(string deploymentId) =>
        _byDeployment.TryRemove(deploymentId, out var connections) ? connections.CloseAll(RouterDefaults.DrainCloseGrace) : 0;
}
