using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;
using Orchestrator.Actors.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Router.Configuration;

/// <summary>
/// One immutable revision of a listener's config: the route tables of every app on it, and the
/// YARP routes and clusters built from them. Signals its own replacement through <see cref="ChangeToken"/>
/// and completes <see cref="Applied"/> once YARP serves it.
/// </summary>
internal sealed class RouteSnapshot : IProxyConfig
{
    private readonly CancellationTokenSource _replaced = new();
    private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RouteSnapshot(long revision, ImmutableDictionary<string, RouteTable> tables)
    {
        Revision = revision;
        Tables = tables;
        Routes = ProxyConfigFactory.Routes(tables);
        Clusters = ProxyConfigFactory.Clusters(tables);
        ChangeToken = new CancellationChangeToken(_replaced.Token);
    }

    public long Revision { get; }

    /// <summary>The route tables of this listener, by app.</summary>
    public ImmutableDictionary<string, RouteTable> Tables { get; }

    public string RevisionId => Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<RouteConfig> Routes { get; }

    public IReadOnlyList<ClusterConfig> Clusters { get; }

    public IChangeToken ChangeToken { get; }

    public Task Applied => _applied.Task;

    public void MarkReplaced() => _replaced.Cancel();

    public void MarkApplied() => _applied.TrySetResult();

    public void MarkFailed(Exception error) => _applied.TrySetException(error);
}
