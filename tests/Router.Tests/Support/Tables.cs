using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;

namespace Orchestrator.Router.Tests.Support;

/// <summary>Route tables for tests: the first deployment given is active, the others drain.</summary>
internal static class Tables
{
    public const string AnyPort = "127.0.0.1:0";

    public static RouteTable Of(string app, long version, params (string Id, string Url)[] deployments) =>
        new(
            app,
            version,
            AnyPort,
            [],
            Affinity: false,
            deployments.Length > 0 ? deployments[0].Id : null,
            deployments
                .Select((d, i) => new DeploymentRoute(d.Id, i == 0 ? RouteState.Active : RouteState.Draining, [d.Url]))
                .ToImmutableDictionary(d => d.DeploymentId));

    /// <summary>One active deployment with a destination per replica, probed on <paramref name="warmPath"/> when it is set.</summary>
    public static RouteTable Replicated(string app, long version, string? warmPath, params string[] urls) =>
        new(
            app,
            version,
            AnyPort,
            [],
            Affinity: false,
            $"{app}-1",
            ImmutableDictionary<string, DeploymentRoute>.Empty.Add($"{app}-1", new DeploymentRoute($"{app}-1", RouteState.Active, [.. urls], WarmPath: warmPath)));

    public static RouteTable WithoutActive(RouteTable table) => table with { ActiveDeploymentId = null };
}
