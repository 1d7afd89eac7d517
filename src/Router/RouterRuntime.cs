using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Listeners;
using Orchestrator.Router.Routing;
using Orchestrator.Routing;

namespace Orchestrator.Router;

/// <summary>
/// The router's data plane: one YARP listener per distinct listen address, created when a table first
/// names it and stopped when none does anymore, fed with every app's latest <see cref="RouteTable"/>.
/// </summary>
internal sealed partial class RouterRuntime : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IPAddress? _listenHost;
    private readonly int? _listenPort;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConnectionTracker _tracker = new();
    private readonly DrainDeadlines _drainDeadlines;
    private readonly DestinationHealth _health;
    private readonly DestinationProber _prober;
    private readonly Dictionary<ListenAddress, Listener> _listeners = [];
    private ImmutableDictionary<string, RouteTable> _tables = ImmutableDictionary<string, RouteTable>.Empty;
    private volatile bool _takingOver;

    /// <param name="listenHost">When set, every listener binds this address with the port of its table's listen address.</param>
    /// <param name="time">The clock drain deadlines and destination probes are kept by; the system's by default.</param>
    /// <param name="listenPort">
    /// When set, every listener binds this port instead of its table's (a platform that chooses the port, Railway's
    /// <c>$PORT</c>): the apps then share one listener, told apart by their hosts.
    /// </param>
    public RouterRuntime(ILoggerFactory? loggerFactory = null, IPAddress? listenHost = null, TimeProvider? time = null, int? listenPort = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<RouterRuntime>();
        _listenHost = listenHost;
        _listenPort = listenPort;
        _drainDeadlines = new DrainDeadlines(_tracker, _logger, time ?? TimeProvider.System);
        _health = new DestinationHealth(_loggerFactory.CreateLogger<DestinationHealth>());
        _prober = new DestinationProber(_health, time ?? TimeProvider.System, _loggerFactory.CreateLogger<DestinationProber>());
    }

    /// <summary>
    /// True while this router takes the data plane over from a running one (<c>orch router restart</c>): its listeners
    /// then bind next to the old router's, instead of refusing an address something already listens on.
    /// </summary>
    public bool TakingOver
    {
        get => _takingOver;
        set => _takingOver = value;
    }

    /// <summary>Every app's table as the listeners serve it.</summary>
    public ImmutableDictionary<string, RouteTable> Tables => Volatile.Read(ref _tables);

    /// <summary>The addresses the listeners are bound to, e.g. <c>http://127.0.0.1:8182</c>.</summary>
    public ImmutableArray<string> BoundAddresses
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _listeners.Values.Select(l => l.BoundAddress.ToString().TrimEnd('/')).Order(StringComparer.Ordinal)];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Destinations of deployments with several that the router skips now: a probe of their warm path failed, or a
    /// forward could not reach them, and no probe has passed since.
    /// </summary>
    public ImmutableArray<string> DestinationsDown => _health.Down;

    /// <summary>Open connections across every deployment.</summary>
    public int OpenConnections => _tracker.TotalOpen;

    /// <summary>
    /// Installs the table and completes once YARP serves it: the next request goes to its active deployment.
    /// Connections to deployments the table no longer holds are closed.
    /// </summary>
    /// <exception cref="RouterListenException">The table's listen address cannot be bound.</exception>
    public async Task ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var address = AddressOf(table.Listen);
        await UnderGateAsync(() => InstallAsync(table.App, table, address, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Installs a saved table unless the app is served already (the feed got there first, with a table at least as new):
    /// true when it installed it.
    /// </summary>
    /// <exception cref="RouterListenException">The table's listen address cannot be bound.</exception>
    public async Task<bool> ApplyUnlessServedAsync(RouteTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var address = AddressOf(table.Listen);
        var installed = false;
        await UnderGateAsync(
            async () =>
            {
                if (!Volatile.Read(ref _tables).ContainsKey(table.App))
                {
                    await InstallAsync(table.App, table, address, cancellationToken).ConfigureAwait(false);
                    installed = true;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return installed;
    }

    /// <summary>Forgets the app: its route goes away, its connections close, and an unused listener stops.</summary>
    public Task RemoveAsync(string app, CancellationToken cancellationToken) =>
        UnderGateAsync(() => InstallAsync(app, null, null, cancellationToken), cancellationToken);

    /// <summary>Live connection counts of every deployment in the app's table.</summary>
    public ImmutableDictionary<string, ConnectionCounts> ConnectionsOf(string app) =>
        Volatile.Read(ref _tables).TryGetValue(app, out var table)
            ? table.Deployments.Keys.ToImmutableDictionary(id => id, _tracker.CountsOf)
            : ImmutableDictionary<string, ConnectionCounts>.Empty;

    /// <summary>Forwarding errors (refused, reset, timed out) per deployment of the app since it went live.</summary>
    public ImmutableDictionary<string, long> ProxyErrorsOf(string app) =>
        Volatile.Read(ref _tables).TryGetValue(app, out var table)
            ? table.Deployments.Keys.ToImmutableDictionary(id => id, _tracker.ProxyErrorsOf)
            : ImmutableDictionary<string, long>.Empty;

    /// <summary>The address actually bound for a table's <see cref="RouteTable.Listen"/> (port 0 gets a real port).</summary>
    public Uri? BoundAddressOf(string listen)
    {
        var address = AddressOf(listen);
        _gate.Wait();
        try
        {
            return _listeners.TryGetValue(address, out var listener) ? listener.BoundAddress : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops accepting on every listener and waits until each open connection ended, or its deployment left the table
    /// (its drain deadline), or <paramref name="deadline"/> fires. Tables keep being installed meanwhile.
    /// </summary>
    public async Task StopAcceptingAsync(CancellationToken deadline)
    {
        List<Listener> listeners;
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            listeners = [.. _listeners.Values];
        }
        finally
        {
            _gate.Release();
        }

        await Task.WhenAll(listeners.Select(l => l.StopAcceptingAsync(deadline))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var listener in _listeners.Values)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }

            _listeners.Clear();
            _drainDeadlines.Dispose();
            await _prober.DisposeAsync().ConfigureAwait(false);
            Volatile.Write(ref _tables, ImmutableDictionary<string, RouteTable>.Empty);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task UnderGateAsync(Func<Task> install, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await install().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task InstallAsync(string app, RouteTable? table, ListenAddress? address, CancellationToken cancellationToken)
    {
        var previous = _tables.GetValueOrDefault(app);
        var tables = table is null ? _tables.Remove(app) : _tables.SetItem(app, table);

        if (address is not null)
        {
            await PublishAsync(address, tables, cancellationToken).ConfigureAwait(false);
        }

        if (previous is not null && AddressOf(previous.Listen) is var previousAddress && previousAddress != address)
        {
            await PublishAsync(previousAddress, tables, cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _tables, tables);
        CloseRemovedDeployments(previous, table);
        _drainDeadlines.Update(tables.Values);
        _prober.Update(tables.Values);
    }

    /// <summary>Publishes the tables that name this address to its listener: starting it, or stopping it when none is left.</summary>
    private async Task PublishAsync(ListenAddress address, ImmutableDictionary<string, RouteTable> tables, CancellationToken cancellationToken)
    {
        var onListener = tables.Where(pair => AddressOf(pair.Value.Listen) == address).ToImmutableDictionary();
        if (_listeners.TryGetValue(address, out var listener))
        {
            if (onListener.IsEmpty)
            {
                _listeners.Remove(address);
                await listener.DisposeAsync().ConfigureAwait(false);
                LogListenerStopped(address);
                return;
            }

            await listener.PublishAsync(onListener, cancellationToken).ConfigureAwait(false);
        }
        else if (!onListener.IsEmpty)
        {
            listener = await Listener.StartAsync(address, onListener, _tracker, _health, _loggerFactory, _takingOver, cancellationToken).ConfigureAwait(false);
            _listeners.Add(address, listener);
            LogListenerStarted(address, listener.BoundAddress);
        }
    }

    private void CloseRemovedDeployments(RouteTable? previous, RouteTable? current)
    {
        if (previous is null)
        {
            return;
        }

        foreach (var deploymentId in previous.Deployments.Keys.Where(id => current?.Deployments.ContainsKey(id) != true))
        {
            // The deployment's drain deadline: WebSockets get close 1012 and reconnect to the active deployment,
            // streams end cleanly; neither is left hanging on an app that is about to stop.
            var closing = _tracker.CloseAndForget(deploymentId);
            LogDeploymentClosed(previous.App, deploymentId, closing);
        }
    }

    private ListenAddress AddressOf(string listen)
    {
        var address = ListenAddress.Parse(listen);
        return address with { Ip = _listenHost ?? address.Ip, Port = _listenPort ?? address.Port };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Router listening on {Address} ({BoundAddress})")]
    private partial void LogListenerStarted(ListenAddress address, Uri boundAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Router stopped listening on {Address}: no app uses it")]
    private partial void LogListenerStopped(ListenAddress address);

    [LoggerMessage(Level = LogLevel.Information, Message = "App {App}: deployment {DeploymentId} left the route table, closing its {Closing} open connections")]
    private partial void LogDeploymentClosed(string app, string deploymentId, int closing);
}
