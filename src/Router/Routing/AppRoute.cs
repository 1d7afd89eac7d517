using System.Collections.Frozen;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>One app's route on a listener, as a request needs it: its live deployments, the active one, its canary, its timeout.</summary>
internal sealed class AppRoute
{
    /// <param name="health">The book of probed destinations; null to take every destination in turn regardless.</param>
    public AppRoute(RouteTable table, DestinationHealth? health)
    {
        App = table.App;
        Affinity = table.Affinity;
        RequestTimeout = table.RequestTimeout ?? RouterDefaults.RequestTimeout;
        Deployments = table.Deployments.Values.ToFrozenDictionary(
            deployment => deployment.DeploymentId,
            deployment => new DeploymentTarget(deployment, health),
            StringComparer.Ordinal);
        Active = table.ActiveDeploymentId is { } active ? Deployments.GetValueOrDefault(active) : null;
        if (table.Canary is { } canary && Deployments.GetValueOrDefault(canary.DeploymentId) is { } target)
        {
            Canary = target;
            CanaryRule = canary;
        }
    }

    public string App { get; }

    /// <summary>Whether a request may name a live deployment of the app (affinity: header, query or cookie).</summary>
    public bool Affinity { get; }

    /// <summary>How long a request waits for the app's response headers.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The deployment new requests go to; null while the app has none.</summary>
    public DeploymentTarget? Active { get; }

    /// <summary>The deployment serving the requests <see cref="CanaryRule"/> picks, beside the active one; null when none.</summary>
    public DeploymentTarget? Canary { get; }

    public CanaryRoute? CanaryRule { get; }

    /// <summary>Every live deployment of the app (active and draining), by deployment id.</summary>
    public FrozenDictionary<string, DeploymentTarget> Deployments { get; }
}
