using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Deployment;

/// <summary>Recovery, status, progress and the small messages the deployment sends itself.</summary>
internal sealed partial class DeploymentActor
{
    private void OnRecovered()
    {
        var resumption = DeploymentDecisions.Resume(_state, _standing);
        if (resumption == Resumption.Idle)
        {
            Become(Idle);
            Stash.UnstashAll();
            return;
        }

        var created = _state.Created!;
        var parsed = created.LoadConfig();
        _config = parsed.Config;
        _phase = _state.Phase;
        if (_config is null)
        {
            _log.Error("{0}: its stored config no longer loads: {1}", _deploymentId, string.Join("; ", parsed.Problems));
            Become(Finished);
            Stash.UnstashAll();
            return;
        }

        _log.Info("{0}: recovered as {1}, resuming as {2}", _deploymentId, _phase.ToDisplay(), resumption);
        switch (resumption)
        {
            case Resumption.FailInterruptedDeploy:
                AdoptRecoveredProcesses(singletons: false);
                // Not InterruptedDeploy.DuringDeploy when a hook was cut short: a stack run must not deploy it again.
                Fail(RecordInterruptedHooks() is { } hooks
                    ? $"{InterruptedDeploy.DuringDeploy}, while its {hooks} hook ran (it was not run again: check what it did before you deploy again)"
                    : InterruptedDeploy.DuringDeploy, removeRoute: true);
                break;
            case Resumption.Active:
                RecordInterruptedHooks();
                AdoptRecoveredProcesses(singletons: true);
                Become(Active);
                StartHealthWatch();
                if (_config.Proxied is not null)
                {
                    _services.RouteTables.Tell(ActivateRouteCommand());
                }

                RecoverInstances(replace: true);
                break;
            case Resumption.Canary:
                AdoptRecoveredProcesses(singletons: false);
                _canary = _state.Canary;
                Become(ServingAsCanary);
                StartHealthWatch();
                if (_config.Proxied is not null)
                {
                    _services.RouteTables.Tell(ActivateRouteCommand());
                }

                RecoverInstances(replace: true);
                break;
            case Resumption.Promote:
                AdoptRecoveredProcesses(singletons: false);
                RecoverInstances(replace: false);
                ResumePromote();
                break;
            case Resumption.HandOver:
                RecordInterruptedHooks();
                AdoptRecoveredProcesses(singletons: true);
                Become(Active);
                StartHealthWatch();
                RecoverInstances(replace: true);
                break;
            case Resumption.DrainSuperseded:
                RecordInterruptedHooks();
                AdoptRecoveredProcesses(singletons: false);
                if (_phase == DeploymentPhase.Active)
                {
                    // Adopted so that its retirement stops them; the app's active deployment runs its own.
                    StartProcesses(ProcessPolicy.Singleton, adopt: true);
                }

                RecoverInstances(replace: false);
                Become(Active);
                HandleBeginDrain(new BeginDrain(_phase == DeploymentPhase.Canary
                    ? "its canary was rolled back before a restart"
                    : "another deployment became active before a restart"));
                break;
            case Resumption.Draining:
                RecordInterruptedHooks();
                AdoptRecoveredProcesses(singletons: false);
                RecoverInstances(replace: false);
                ArmDrain(Now);
                break;
            case Resumption.FinishStop:
                ReserveRecoveredPorts();
                if (_phase == DeploymentPhase.Failing && _config.Proxied is not null)
                {
                    _services.RouteTables.Tell(new RemoveRoute(App, _deploymentId));
                }

                ResumeStop(_state.Stop!);
                break;
            default:
                Become(Finished);
                break;
        }

        Stash.UnstashAll();
    }

    /// <summary>Takes over the processes a recovered deployment had running (its singletons only where it serves).</summary>
    private void AdoptRecoveredProcesses(bool singletons)
    {
        ReserveRecoveredPorts();
        StartProcesses(ProcessPolicy.Companion, adopt: true);
        StartProcesses(ProcessPolicy.Proxied, adopt: true);
        if (singletons)
        {
            StartProcesses(ProcessPolicy.Singleton, adopt: true);
        }
    }

    private void ReserveRecoveredPorts()
    {
        foreach (var (_, port) in _state.Ports)
        {
            _services.Ports.TryReserve(port, _deploymentId);
        }
    }

    private void Transition(DeploymentPhase to, string reason)
    {
        var from = _phase;
        _phase = to;
        _log.Info("{0}: {1} -> {2} ({3})", _deploymentId, from.ToDisplay(), to.ToDisplay(), reason);
        _progress.Tell(new DeployProgressed(DeployProgressed.Step, $"{to.ToDisplay()}: {reason}", _deploymentId, to.ToDisplay()));
        Context.Parent.Tell(new DeploymentPhaseChanged(_deploymentId, from, to, reason));
    }

    private void Step(string message) =>
        _progress.Tell(new DeployProgressed(DeployProgressed.Step, message, _deploymentId, _phase.ToDisplay()));

    private HealthConfig HealthOf(ProcessConfig proxied) =>
        proxied.Health ?? new HealthConfig
        {
            Path = _config!.Proxy?.HealthPath ?? Defaults.HealthPath,
            Timeout = _config.Proxy?.HealthTimeout ?? Defaults.HealthTimeout,
        };

    private Uri HealthUrl(ProcessConfig proxied) =>
        new($"http://{ProbeHost(proxied)}:{_state.Ports[proxied.Id]}{HealthOf(proxied).Path}");

    /// <summary>Where this node reaches the process: loopback on this host, the private domain of its Railway service.</summary>
    private string ProbeHost(ProcessConfig proxied) =>
        _state.RailwayServices.TryGetValue(proxied.Id, out var service) && service.PrivateDomain is { } domain ? domain : "127.0.0.1";

    /// <summary>Where the routers reach the process: this node's cluster host, or the private domain of its Railway service.</summary>
    private string DestinationHost(ProcessConfig proxied) =>
        _state.RailwayServices.TryGetValue(proxied.Id, out var service) && service.PrivateDomain is { } domain ? domain : _services.DestinationHost;

    private string HealthFailure()
    {
        var proxied = _config!.Proxied!;
        var health = HealthOf(proxied);
        var last = _lastHealth?.Detail ?? "no probe answered";
        return $"health check {HealthUrl(proxied)} did not pass within {health.Timeout.TotalSeconds:0.###}s; last result: {last}";
    }

    private ImmutableArray<string> Destinations() =>
        _config!.Proxied is { } proxied && _state.Ports.TryGetValue(proxied.Id, out var port)
            ? [$"http://{DestinationHost(proxied)}:{port}", .. InstanceDestinations()]
            : [];

    /// <summary>The health check's path: a request the app answers cheaply and without side effects.</summary>
    private string? WarmPath() => _config!.Proxied is { } proxied ? HealthOf(proxied).Path : null;

    private RouteListener Listener()
    {
        var proxy = _config!.Proxy!;
        return new RouteListener(proxy.Listen, proxy.Hosts, proxy.Affinity, proxy.RequestTimeout);
    }

    private void ReplyStatus()
    {
        var replyTo = Sender;
        var created = _state.Created;
        if (created is null)
        {
            replyTo.Tell(new Status.Failure(new InvalidOperationException($"deployment {_deploymentId} has not started")));
            return;
        }

        var state = _state;
        var phase = _phase;
        var processes = _processes.Values.Select(p => p.Ask<ProcessStatusSnapshot>(GetProcessStatus.Instance, TimeSpan.FromSeconds(3))).ToList();
        var connections = phase.IsLive()
            ? _services.RouteTables.Ask<DrainStatus>(new GetDrainStatus(created.App, _deploymentId, DateTimeOffset.MinValue), TimeSpan.FromSeconds(3))
            : Task.FromResult(new DrainStatus(_deploymentId, ConnectionCounts.Zero, true));
        var health = _health.ToImmutableDictionary();
        BuildStatus(state, phase, processes, connections, [.. SurvivorSnapshots(), .. InstanceSnapshots()], health,
            _config?.SharedDirs ?? []).PipeTo(replyTo);
    }

    private static async Task<DeploymentStatusView> BuildStatus(
        DeploymentState state,
        DeploymentPhase phase,
        List<Task<ProcessStatusSnapshot>> processes,
        Task<DrainStatus> connections,
        List<ProcessStatusSnapshot> stoppedWithSurvivors,
        ImmutableDictionary<string, ProcessHealth> health,
        ImmutableArray<string> sharedDirs)
    {
        var snapshots = (await PartialAnswers.Of(processes)).Concat(stoppedWithSurvivors);

        var counts = ConnectionCounts.Zero;
        try
        {
            counts = (await connections).Connections;
        }
        catch (AskTimeoutException)
        {
            // Counts are informative; status still answers without them.
        }

        var created = state.Created!;
        return new DeploymentStatusView(created.DeploymentId, created.App, created.Revision, phase, created.ReleasePath, created.At,
            state.ActivatedAt, state.DrainStartedAt, state.DrainDeadline, state.StoppedAt, state.Ports, counts,
            [.. snapshots.Select(s => WithHealth(s, health)).OrderBy(s => s.ProcessId, StringComparer.Ordinal)], state.FailureReason,
            phase == DeploymentPhase.Canary ? state.Canary?.ToString() : null,
            state.Hooks.IsEmpty ? null : [.. state.Hooks.Values], sharedDirs.IsDefaultOrEmpty ? null : sharedDirs);
    }

    private sealed class ProbeKey
    {
        public static readonly ProbeKey Instance = new();
    }

    private sealed class ProbeTick
    {
        public static readonly ProbeTick Instance = new();
    }

    private sealed class HealthDeadlineKey
    {
        public static readonly HealthDeadlineKey Instance = new();
    }

    private sealed class HealthDeadlineReached
    {
        public static readonly HealthDeadlineReached Instance = new();
    }

    private sealed class DrainCheckKey
    {
        public static readonly DrainCheckKey Instance = new();
    }

    private sealed class DrainCheck
    {
        public static readonly DrainCheck Instance = new();
    }

    private sealed class DrainDeadlineKey
    {
        public static readonly DrainDeadlineKey Instance = new();
    }

    private sealed class DrainDeadlineReached
    {
        public static readonly DrainDeadlineReached Instance = new();
    }

    private sealed class AllStopTimedOutKey
    {
        public static readonly AllStopTimedOutKey Instance = new();
    }

    private sealed class AllStopTimedOut
    {
        public static readonly AllStopTimedOut Instance = new();
    }

    private sealed record RouteRemoved(string Reason);

    private sealed record FailWithOutput(string Reason, ImmutableArray<string> Output, bool RemoveRoute);
}
