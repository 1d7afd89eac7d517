using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Router.Configuration;

/// <summary>A listener's <see cref="IProxyConfigProvider"/>: publishes immutable <see cref="RouteSnapshot"/>s.</summary>
internal sealed class RouteTableConfigProvider(ImmutableDictionary<string, RouteTable> initialTables) : IProxyConfigProvider
{
    private RouteSnapshot _current = new(1, initialTables);

    public RouteSnapshot Current => Volatile.Read(ref _current);

    public IProxyConfig GetConfig() => Current;

    /// <summary>Publishes the tables; the returned snapshot's <see cref="RouteSnapshot.Applied"/> says when YARP serves them.</summary>
    public RouteSnapshot Publish(ImmutableDictionary<string, RouteTable> tables)
    {
        var previous = Current;
        var next = new RouteSnapshot(previous.Revision + 1, tables);
        Volatile.Write(ref _current, next);
        previous.MarkReplaced();
        return next;
    }
}
