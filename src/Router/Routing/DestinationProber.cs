using System.Net;
using Microsoft.Extensions.Logging;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// GETs <c>destination + WarmPath</c> of every destination <see cref="DestinationHealth.IsProbed"/> names, once at
/// once and then every <see cref="RouterDefaults.DestinationProbeInterval"/>, and sets its state: an answer of 2xx to 4xx
/// is up; a refused connection, no answer within <see cref="RouterDefaults.DestinationProbeTimeout"/> or a 5xx is down.
/// Its own client, so probes neither take nor count against the connections the listeners forward on.
/// </summary>
internal sealed partial class DestinationProber : IAsyncDisposable
{
    private readonly DestinationHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = RouterDefaults.DestinationProbeTimeout,
    });

    private readonly Dictionary<string, Probe> _probes = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];

    public DestinationProber(DestinationHealth health, TimeProvider time, ILogger logger)
    {
        _health = health;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Probes what the tables name from now on: starts a probe for each new destination, stops (and forgets) each one
    /// no table probes anymore. Called under the runtime's install gate only.
    /// </summary>
    public void Update(IEnumerable<RouteTable> tables)
    {
        var wanted = Targets(tables);
        foreach (var (destination, probe) in _probes.Where(pair => wanted.GetValueOrDefault(pair.Key) != pair.Value.Uri).ToList())
        {
            _probes.Remove(destination);
            _stopping.RemoveAll(task => task.IsCompleted);
            _stopping.Add(probe.StopAsync());
            if (!wanted.ContainsKey(destination))
            {
                _health.Forget(destination);
            }
        }

        foreach (var (destination, uri) in wanted.Where(pair => !_probes.ContainsKey(pair.Key)))
        {
            var state = _health.For(destination);
            var stop = new CancellationTokenSource();
            _probes.Add(destination, new Probe(uri, stop, ProbeEveryIntervalAsync(state, uri, stop.Token)));
        }
    }

    /// <summary>The destinations probed now. Read where <see cref="Update"/> is called (under the gate, or a test).</summary>
    public IReadOnlyCollection<string> Probing => [.. _probes.Keys];

    public async ValueTask DisposeAsync()
    {
        _stopping.AddRange(_probes.Values.Select(probe => probe.StopAsync()));
        _probes.Clear();
        await Task.WhenAll(_stopping).ConfigureAwait(false);
        _client.Dispose();
    }

    /// <summary>The probe address of each probed destination; the first deployment naming one decides its path.</summary>
    private static Dictionary<string, Uri> Targets(IEnumerable<RouteTable> tables)
    {
        var targets = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var deployment in tables.SelectMany(table => table.Deployments.Values).Where(DestinationHealth.IsProbed))
        {
            foreach (var destination in deployment.Destinations)
            {
                targets.TryAdd(destination, new Uri(destination + deployment.WarmPath));
            }
        }

        return targets;
    }

    private async Task ProbeEveryIntervalAsync(DestinationState state, Uri uri, CancellationToken stop)
    {
        // Off the install gate's thread: the first probe runs while the table installs.
        await Task.Yield();
        using var timer = new PeriodicTimer(RouterDefaults.DestinationProbeInterval, _time);
        try
        {
            do
            {
                var failure = await ProbeAsync(uri, stop).ConfigureAwait(false);
                if (failure is null)
                {
                    state.MarkUp();
                }
                else
                {
                    state.MarkDown(failure);
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            LogStopped(state.Destination);
        }
    }

    /// <summary>Null when the destination answered below 500; else why it counts as down.</summary>
    private async Task<string?> ProbeAsync(Uri uri, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(RouterDefaults.DestinationProbeTimeout, _time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            using var response = await _client.SendAsync(request, probe.Token).ConfigureAwait(false);

            // Read to the end, so the connection goes back to the pool for the next probe.
            await response.Content.CopyToAsync(Stream.Null, probe.Token).ConfigureAwait(false);
            return (int)response.StatusCode < 500 ? null : $"GET {uri.PathAndQuery} answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return $"GET {uri.PathAndQuery} did not answer within {RouterDefaults.DestinationProbeTimeout.TotalSeconds} s";
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            return error.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped probing {Destination}: no table probes it anymore")]
    private partial void LogStopped(string destination);

    private sealed record Probe(Uri Uri, CancellationTokenSource Stop, Task Running)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync().ConfigureAwait(false);
            await Running.ConfigureAwait(false);
            Stop.Dispose();
        }
    }
}
