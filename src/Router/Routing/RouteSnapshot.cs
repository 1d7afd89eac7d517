using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// One immutable revision of a listener's routes: the route tables of every app on it and the lookup each request
/// makes in them by its Host header. Built once per table change, read lock-free by every request.
/// </summary>
internal sealed class RouteSnapshot
{
    private readonly FrozenDictionary<string, AppRoute> _byHost;
    private readonly ImmutableArray<(string Suffix, AppRoute Route)> _byWildcard;
    private readonly AppRoute? _hostless;

    /// <param name="health">The book of probed destinations; null to take every destination in turn regardless.</param>
    public RouteSnapshot(ImmutableDictionary<string, RouteTable> tables, DestinationHealth? health)
    {
        Tables = tables;
        var byHost = new Dictionary<string, AppRoute>(StringComparer.OrdinalIgnoreCase);
        var byWildcard = new List<(string Suffix, AppRoute Route)>();

        // Host-specific apps win; among host-less apps on one listener the first by name wins (YARP's route order
        // before; an explicit order instead of an ambiguous match). The same host named twice goes to the first by name.
        foreach (var table in tables.Values.OrderBy(table => table.App, StringComparer.Ordinal))
        {
            var route = new AppRoute(table, health);
            if (table.Hosts.IsDefaultOrEmpty)
            {
                _hostless ??= route;
                continue;
            }

            foreach (var host in table.Hosts)
            {
                if (host.StartsWith("*.", StringComparison.Ordinal))
                {
                    byWildcard.Add((host[1..], route));
                }
                else
                {
                    byHost.TryAdd(host, route);
                }
            }
        }

        _byHost = byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        // The longest suffix is the most specific wildcard; a stable sort keeps the first app by name among equals.
        _byWildcard = [.. byWildcard.OrderByDescending(wildcard => wildcard.Suffix.Length)];
    }

    /// <summary>The route tables of this listener, by app.</summary>
    public ImmutableDictionary<string, RouteTable> Tables { get; }

    /// <summary>
    /// The app a request for <paramref name="host"/> goes to: the one naming the host, else the one whose
    /// <c>*.</c> wildcard matches it most specifically, else the first host-less app by name; null when none does.
    /// The port is not part of the match, and the match ignores case, as YARP's host matching did.
    /// </summary>
    public AppRoute? Match(HostString host)
    {
        var name = host.Host;
        if (_byHost.Count > 0 && _byHost.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (suffix, route) in _byWildcard)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return route;
            }
        }

        return _hostless;
    }
}
