using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Releases;
using Orchestrator.Config;

namespace Orchestrator.Actors.Hosts;

/// <summary>
/// One instance of a deployment's proxied process on this host: a port from the host's allocator, a
/// <see cref="ProcessActor"/> (which restarts it after a crash), and its health check before it is ready. Whoever asks
/// while it starts is answered once it is ready; whoever asks later is answered at once.
/// </summary>
internal sealed class InstanceActor : ReceiveActor, IWithTimers
{
    private readonly string _deploymentId;
    private readonly int _index;
    private readonly DeploymentServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private readonly List<IActorRef> _stopReplies = [];
    private IActorRef _owner = ActorRefs.Nobody;
    private IActorRef _process = ActorRefs.Nobody;
    private InstancePlacement? _placement;
    private HealthConfig _health = new();
    private Uri? _healthUrl;
    private DateTimeOffset _healthDeadline;
    private HealthResult? _lastHealth;

    public InstanceActor(string deploymentId, int index, DeploymentServices services)
    {
        _deploymentId = deploymentId;
        _index = index;
        _services = services;
        Receive<StartInstance>(Start);
        Receive<StopInstance>(StopUnstarted);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string deploymentId, int index, DeploymentServices services) =>
        Akka.Actor.Props.Create(() => new InstanceActor(deploymentId, index, services));

    private string PortOwner => $"{_deploymentId}#{_index}";

    private string Node => Cluster.Get(Context.System).SelfAddress.ToString();

    private void Start(StartInstance start)
    {
        _owner = Sender;
        _waiting.Add(Sender);
        var loaded = AppConfigLoader.Load(start.Release.ConfigToml, start.Release.ConfigPath);
        if (loaded.Config is not { Proxied: { } proxied } config)
        {
            FailStart($"its stored config does not load here: {string.Join("; ", loaded.Problems)}");
            return;
        }

        if (SharedDirectories.Link(_services.StateDirectory, config.App, start.Release.ReleasePath, config.SharedDirs) is { } shared)
        {
            FailStart($"its shared dirs: {shared.Reason}; {shared.Hint}");
            return;
        }

        var adopt = start.Known is { } known && known.Node == Node && _services.Ports.TryReserve(known.Port, PortOwner) ? known : null;
        int port;
        if (adopt is not null)
        {
            port = adopt.Port;
        }
        else if (_services.Ports.Reserve(proxied.Port!, PortOwner, start.Avoid.IsDefault ? null : start.Avoid.ToHashSet()) is { Port: { } reserved })
        {
            port = reserved;
        }
        else
        {
            FailStart($"no free port for process '{proxied.Id}' on this host");
            return;
        }

        Sender.Tell(new InstancePortReserved(_deploymentId, _index, port));
        _health = proxied.Health ?? new HealthConfig { Path = config.Proxy!.HealthPath, Timeout = config.Proxy.HealthTimeout };
        _healthUrl = new Uri($"http://{DeploymentServices.LoopbackHost}:{port}{_health.Path}");
        _placement = new InstancePlacement(_index, Node, $"http://{_services.DestinationHost}:{port}", port, 0, 0);
        _process = Context.ActorOf(ProcessActor.Props(Spec(config, proxied, start.Release, port), Adoptable(adopt), _services.Cgroups), "process");
        Become(Starting);
    }

    private ProcessSpec Spec(AppConfig config, ProcessConfig proxied, InstanceRelease release, int port)
    {
        var logs = _services.LogDirectory(release.App, _deploymentId);
        var spec = ProcessPlanner.Plan(config, proxied, _deploymentId, release.ReleasePath, release.Revision,
            ImmutableDictionary<string, int>.Empty.Add(proxied.Id, port), logs);
        return spec with { LogPath = Path.Combine(logs, $"{proxied.Id}.{_index}.log") };
    }

    private static AdoptableProcess? Adoptable(InstancePlacement? known) =>
        known is { Pid: > 0 } ? new AdoptableProcess(known.Pid, known.StartTimeTicks) : null;

    private void Starting()
    {
        Receive<StartInstance>(_ => _waiting.Add(Sender));
        Receive<ProcessStarted>(started =>
        {
            _placement = _placement! with { Pid = started.Pid, StartTimeTicks = started.StartTimeTicks };
            if (started.Adopted)
            {
                BecomeReady();
                return;
            }

            _healthDeadline = Context.System.Scheduler.Now + _health.StartDelay + _health.Timeout;
            Probe(_health.Timeout);
        });
        Receive<HealthResult>(HandleHealth);
        Receive<ProbeAgain>(_ => Probe(TimeSpan.Zero));
        Receive<ProcessExited>(exited => FailStart(
            $"exited while starting ({(exited.Signal is { } signal ? $"killed by {signal}" : $"exit code {exited.ExitCode}")})"));
        Receive<ProcessFailed>(failed => FailStart($"failed: {failed.Reason}"));
        Receive<StopInstance>(Stop);
    }

    private void Probe(TimeSpan wait)
    {
        var timeout = _health.Interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : _health.Interval;
        var probe = _lastHealth is null or { Kind: HealthResultKind.Refused }
            ? HealthProbe.ProbeWhenListeningAsync(_services.HealthClient, _healthUrl!, wait > TimeSpan.Zero ? wait : _health.Timeout, timeout)
            : HealthProbe.ProbeAsync(_services.HealthClient, _healthUrl!, timeout);
        probe.PipeTo(Self);
    }

    private void HandleHealth(HealthResult result)
    {
        _lastHealth = result;
        if (result.Kind == HealthResultKind.Healthy)
        {
            BecomeReady();
        }
        else if (Context.System.Scheduler.Now >= _healthDeadline)
        {
            FailStart($"health check {_healthUrl} did not pass within {_health.Timeout.TotalSeconds:0.###}s; last result: {result.Detail}");
        }
        else
        {
            Timers.StartSingleTimer(ProbeAgain.Instance, ProbeAgain.Instance, _health.Interval);
        }
    }

    private void BecomeReady()
    {
        foreach (var waiting in _waiting)
        {
            waiting.Tell(new InstanceReady(_deploymentId, _placement!));
        }

        _waiting.Clear();
        Become(Ready);
    }

    private void Ready()
    {
        Receive<StartInstance>(_ =>
        {
            _owner = Sender;
            Sender.Tell(new InstanceReady(_deploymentId, _placement!));
        });
        Receive<ProcessStarted>(started =>
        {
            _placement = _placement! with { Pid = started.Pid, StartTimeTicks = started.StartTimeTicks };
            _owner.Tell(new InstanceRelaunched(_deploymentId, _placement));
        });
        Receive<ProcessExited>(exited => _log.Warning("{0}: instance {1} exited (code {2}, signal {3})", _deploymentId, _index, exited.ExitCode, exited.Signal));
        Receive<ProcessFailed>(failed => _log.Error("{0}: instance {1} failed: {2}", _deploymentId, _index, failed.Reason));
        Receive<StopInstance>(Stop);
    }

    private void FailStart(string reason)
    {
        _log.Warning("{0}: instance {1} did not start: {2}", _deploymentId, _index, reason);
        foreach (var waiting in _waiting)
        {
            waiting.Tell(new InstanceFailed(_deploymentId, _index, Node, reason));
        }

        _waiting.Clear();
        if (_process.IsNobody())
        {
            Finish();
            return;
        }

        _process.Tell(new StopProcess("its instance did not start"));
        Become(Stopping);
    }

    private void Stop(StopInstance stop)
    {
        _stopReplies.Add(Sender);
        _process.Tell(new StopProcess($"deployment {_deploymentId} stopping", stop.KillAt));
        Become(Stopping);
    }

    /// <summary>A stop for an instance this agent does not run (its host restarted): adopt what still runs, then stop it.</summary>
    private void StopUnstarted(StopInstance stop)
    {
        _stopReplies.Add(Sender);
        var known = stop.Known;
        if (known.Node != Node || known.Pid <= 0)
        {
            Finish();
            return;
        }

        _services.Ports.TryReserve(known.Port, PortOwner);
        var loaded = AppConfigLoader.Load(stop.Release.ConfigToml, stop.Release.ConfigPath);
        if (loaded.Config is not { Proxied: { } proxied } config)
        {
            Finish();
            return;
        }

        var finish = new StopProcess($"deployment {_deploymentId} stopping", stop.KillAt);
        _process = Context.ActorOf(
            ProcessActor.Props(Spec(config, proxied, stop.Release, known.Port), Adoptable(known), _services.Cgroups, finish), "process");
        Become(Stopping);
    }

    private void Stopping()
    {
        Receive<StopInstance>(_ => _stopReplies.Add(Sender));
        Receive<StartInstance>(start => Sender.Tell(new InstanceFailed(_deploymentId, _index, Node, "the instance is stopping")));
        Receive<ProcessStopped>(_ => Finish());
    }

    private void Finish()
    {
        _services.Ports.Release(PortOwner);
        foreach (var replyTo in _stopReplies)
        {
            replyTo.Tell(new InstanceStopped(_deploymentId, _index));
        }

        Context.Stop(Self);
    }

    protected override void Unhandled(object message) =>
        _log.Debug("{0}: instance {1} ignores {2}", _deploymentId, _index, message.GetType().Name);

    private sealed class ProbeAgain
    {
        public static readonly ProbeAgain Instance = new();
    }
}
