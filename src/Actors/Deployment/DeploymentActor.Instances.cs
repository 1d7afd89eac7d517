using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// <c>placement.replicas</c>: the proxied process runs here (instance 0) and on other workers, each through that
/// worker's <see cref="HostAgent"/>. They start while this one is probed; the switch waits for all of them. An active
/// deployment replaces the instance of a worker that left the cluster; a draining one only stops what is left.
/// </summary>
internal sealed partial class DeploymentActor
{
    /// <summary>The key of the instances' SIGKILL time in a persisted stop: one deadline, the proxied process's.</summary>
    private const string InstancesKillKey = "#instances";

    private static readonly TimeSpan InstanceStartMargin = TimeSpan.FromSeconds(30);

    private readonly HashSet<int> _instancesPlacing = [];
    private readonly HashSet<int> _instancesStopping = [];
    private readonly Queue<(int Index, string Node)> _instancesToSend = [];
    private readonly HashSet<int> _portsReserved = [];
    private bool _proxiedHealthy;
    private bool _watchingMembers;

    /// <summary>Instances beyond the one next to this actor.</summary>
    private int OtherInstances => IsRailway || _config?.Proxied is null ? 0 : _config.Placement.Replicas - 1;

    private Cluster Cluster => Cluster.Get(Context.System);

    private InstanceRelease Release()
    {
        var created = _state.Created!;
        return new InstanceRelease(created.App, created.ReleasePath, created.Revision, created.ConfigToml, created.ConfigPath);
    }

    /// <summary>Starting the proxied process here: its other instances start on other workers at the same time.</summary>
    private void PlaceOtherInstances()
    {
        if (OtherInstances == 0)
        {
            return;
        }

        var self = Cluster.SelfAddress.ToString();
        var nodes = InstancePlacementChoice.Choose(UpWorkers(), App, OtherInstances, new HashSet<string> { self });
        if (nodes.Count < OtherInstances)
        {
            Fail($"placement.replicas = {_config!.Placement.Replicas} needs {_config.Placement.Replicas} reachable nodes with the role " +
                 $"'{_config.Placement.Role}'; {nodes.Count + 1} are up (this one{(nodes.Count == 0 ? "" : ", " + string.Join(", ", nodes))}): " +
                 "start more workers or lower placement.replicas", removeRoute: false);
            return;
        }

        var health = HealthOf(_config!.Proxied!);
        Timers.StartSingleTimer(InstanceDeadlineKey.Instance, InstanceDeadlineReached.Instance, health.StartDelay + health.Timeout + InstanceStartMargin);
        for (var index = 1; index <= nodes.Count; index++)
        {
            _instancesPlacing.Add(index);
            _instancesToSend.Enqueue((index, nodes[index - 1]));
        }

        SendNextInstance();
    }

    /// <summary>
    /// One at a time, each as soon as the previous one reserved its port (a round trip, not a start): every agent
    /// then knows the ports the deployment took before it, and nodes on one machine never pick the same.
    /// </summary>
    private void SendNextInstance()
    {
        if (_instancesToSend.TryDequeue(out var next))
        {
            HostAgent.At(Context, next.Node).Tell(new StartInstance(_deploymentId, next.Index, Release(), null, PortsHeld()), Self);
            Step($"starting instance {next.Index} of {_config!.Proxied!.Id} on {next.Node}");
        }
    }

    private ImmutableArray<int> PortsHeld() => [.. _state.Ports.Values, .. _state.Instances.Values.Select(p => p.Port), .. _portsReserved];

    /// <summary>What the deploy phases before the switch hear from the other instances.</summary>
    private void PlacementCommands()
    {
        Command<InstancePortReserved>(reserved =>
        {
            _portsReserved.Add(reserved.Port);
            SendNextInstance();
        });
        Command<InstanceReady>(ready =>
        {
            if (!_instancesPlacing.Remove(ready.Placement.Index))
            {
                return;
            }

            Step($"instance {ready.Placement.Index} healthy on {ready.Placement.Node} ({ready.Placement.Destination}, pid {ready.Placement.Pid})");
            Persist(new DeploymentInstancePlaced(ready.Placement), e =>
            {
                Apply(e);
                SwitchOnceAllHealthy();
            });
        });
        Command<InstanceFailed>(failed => Fail($"instance {failed.Index} on {failed.Node}: {failed.Reason}", removeRoute: false));
        Command<InstanceDeadlineReached>(_ => Fail(
            $"instances {string.Join(", ", _instancesPlacing.Order())} did not report healthy in time (their hosts may be unreachable)", removeRoute: false));
        Command<InstanceRelaunched>(RecordRelaunched);
    }

    private void SwitchOnceAllHealthy()
    {
        if (!_proxiedHealthy || _instancesPlacing.Count > 0)
        {
            return;
        }

        Timers.Cancel(InstanceDeadlineKey.Instance);
        BeginSwitch();
    }

    // ---- live ----

    /// <summary>Active: replaces the instance of a worker that left; any deployment: keeps the latest pid of each.</summary>
    private void LiveInstanceCommands(bool replace)
    {
        Command<InstanceRelaunched>(RecordRelaunched);
        Command<InstancePortReserved>(_ => { });
        Command<InstanceReady>(ready => Persist(new DeploymentInstancePlaced(ready.Placement), e =>
        {
            var moved = _state.Instances.GetValueOrDefault(ready.Placement.Index)?.Destination != ready.Placement.Destination;
            Apply(e);
            if (moved)
            {
                Republish();
            }
        }));
        Command<InstanceFailed>(failed => _log.Warning("{0}: instance {1} on {2} did not start again: {3}", _deploymentId, failed.Index, failed.Node, failed.Reason));
        Command<ClusterEvent.MemberRemoved>(removed =>
        {
            if (replace)
            {
                ReplaceInstancesOn(removed.Member.Address.ToString());
            }
        });
        Command<ClusterEvent.CurrentClusterState>(_ => { });
    }

    private void RecordRelaunched(InstanceRelaunched relaunched) =>
        Persist(new DeploymentInstancePlaced(relaunched.Placement), Apply);

    /// <summary>After a restart or a move: every instance is asked for again (its agent answers, adopts or restarts it); a gone host's are replaced.</summary>
    private void RecoverInstances(bool replace)
    {
        if (_state.Instances.IsEmpty)
        {
            return;
        }

        WatchMembers();
        var members = Cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
            .Select(m => m.Address.ToString()).ToHashSet();
        foreach (var placement in _state.Instances.Values)
        {
            if (members.Contains(placement.Node))
            {
                HostAgent.At(Context, placement.Node).Tell(new StartInstance(_deploymentId, placement.Index, Release(), placement, PortsHeld()), Self);
            }
            else if (replace)
            {
                ReplaceInstance(placement.Index);
            }
        }
    }

    private void WatchMembers()
    {
        if (!_watchingMembers && OtherInstances > 0)
        {
            _watchingMembers = true;
            Cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
        }
    }

    private void UnwatchMembers()
    {
        if (_watchingMembers)
        {
            _watchingMembers = false;
            Cluster.Unsubscribe(Self);
        }
    }

    private void ReplaceInstancesOn(string node)
    {
        foreach (var placement in _state.Instances.Values.Where(p => p.Node == node))
        {
            ReplaceInstance(placement.Index);
        }
    }

    private void ReplaceInstance(int index)
    {
        var inUse = _state.Instances.Values.Where(p => p.Index != index).Select(p => p.Node).Append(Cluster.SelfAddress.ToString()).ToHashSet();
        if (InstancePlacementChoice.Choose(UpWorkers(), App, 1, inUse) is not [var node])
        {
            _log.Warning("{0}: instance {1} lost its host and no other worker is free to run it", _deploymentId, index);
            return;
        }

        _log.Info("{0}: instance {1} lost its host; starting it on {2}", _deploymentId, index, node);
        HostAgent.At(Context, node).Tell(new StartInstance(_deploymentId, index, Release(), null, PortsHeld()), Self);
    }

    /// <summary>The route again, with the instances' current destinations.</summary>
    private void Republish()
    {
        if (_phase is DeploymentPhase.Active or DeploymentPhase.Canary)
        {
            _services.RouteTables.Tell(ActivateRouteCommand());
        }
    }

    private IEnumerable<string> UpWorkers()
    {
        var state = Cluster.State;
        var role = _config!.Placement.Role;
        return state.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(role) && !state.Unreachable.Contains(m))
            .Select(m => m.Address.ToString());
    }

    /// <summary>Status rows of the other instances (<c>web#1</c>), as last placed; their logs are on their own hosts.</summary>
    private IEnumerable<ProcessStatusSnapshot> InstanceSnapshots() =>
        _config?.Proxied is not { } proxied || !_phase.IsLive()
            ? []
            : _state.Instances.Values.Select(p => new ProcessStatusSnapshot(
                $"{proxied.Id}#{p.Index}", ProcessPolicy.Proxied, p.Pid, ProcessState.Running, 0, null, null, null, "", Node: p.Node));

    private IEnumerable<string> InstanceDestinations() => _state.Instances.Values.Select(p => p.Destination);

    // ---- stopping ----

    /// <summary>SIGTERM to every instance on a member host, SIGKILL at the proxied process's deadline.</summary>
    private void StopInstances(DateTimeOffset killAt)
    {
        UnwatchMembers();
        if (_state.Instances.IsEmpty)
        {
            return;
        }

        var members = Cluster.State.Members.Select(m => m.Address.ToString()).ToHashSet();
        foreach (var placement in _state.Instances.Values.Where(p => members.Contains(p.Node)))
        {
            _instancesStopping.Add(placement.Index);
            HostAgent.At(Context, placement.Node).Tell(new StopInstance(_deploymentId, placement.Index, Release(), placement, killAt), Self);
        }
    }

    private bool InstancesStopped => _instancesStopping.Count == 0;

    private IEnumerable<(string, TimeSpan)> InstanceGrace() =>
        _state.Instances.IsEmpty || _config?.Proxied is not { } proxied ? [] : [(InstancesKillKey, GracefulStopOf(proxied.Id))];

    /// <summary>While stopping and after: an instance that reports in late is stopped at once.</summary>
    private void StoppingInstanceCommands(Action afterEach)
    {
        Command<InstanceStopped>(stopped =>
        {
            _instancesStopping.Remove(stopped.Index);
            afterEach();
        });
        Command<InstanceReady>(ready => Sender.Tell(new StopInstance(_deploymentId, ready.Placement.Index, Release(), ready.Placement, Now)));
        Command<InstanceRelaunched>(_ => { });
        Command<InstancePortReserved>(_ => { });
        Command<InstanceFailed>(_ => { });
    }

    private sealed class InstanceDeadlineKey
    {
        public static readonly InstanceDeadlineKey Instance = new();
    }

    private sealed class InstanceDeadlineReached
    {
        public static readonly InstanceDeadlineReached Instance = new();
    }
}
