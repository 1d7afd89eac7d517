using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Processes;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>A child that leaves its process group with <c>setsid</c>: stopped through the cgroup, else reported.</summary>
public sealed class ProcessActorCgroupSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ProcessSandbox _sandbox = new();
    private readonly TestProbe _parent;
    private readonly List<int> _pids = [];
    private CgroupHierarchy? _cgroups;

    public ProcessActorCgroupSpec()
    {
        _parent = CreateTestProbe("parent");
    }

    [Fact]
    public async Task ProcessActor_must_stop_a_setsid_child_through_its_cgroup_and_remove_the_cgroup()
    {
        _cgroups = CgroupHierarchy.Detect(_sandbox.Root, out var reason);
        Assert.True(_cgroups is not null, $"cgroup v2 is not writable on this host: {reason}");
        var (process, leader, child) = await StartWithSetsidChildAsync(_cgroups);
        var cgroup = Path.Join(_cgroups.Root, "app", "app-000000-000000", "web");
        Assert.Equal([leader, child], new ProcessCgroup(cgroup, _cgroups.Root).Pids().Order().ToArray());

        process.Tell(new StopProcess("test"), TestActor);
        var stopped = await ExpectMsgAsync<ProcessStopped>(Timeout);

        Assert.Empty(stopped.Survivors);
        Assert.Null(ProcStat.Read(child));
        Assert.False(Directory.Exists(Path.Join(_cgroups.Root, "app")), $"{cgroup} and its parents should be removed");
    }

    [Fact]
    public async Task ProcessActor_must_name_a_setsid_child_that_survives_its_stop_without_a_cgroup()
    {
        var (process, _, child) = await StartWithSetsidChildAsync(cgroups: null);

        process.Tell(new StopProcess("test"), TestActor);
        var stopped = await ExpectMsgAsync<ProcessStopped>(Timeout);

        Assert.Equal([child], stopped.Survivors.Select(s => s.Pid).ToArray());
        Assert.True(stopped.Survivors[0].IsRunning());
        process.Tell(GetProcessStatus.Instance, TestActor);
        Assert.Equal([child], (await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout)).Survivors.ToArray());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var pid in _pids.Where(p => ProcStat.Read(p) is not null))
            {
                PosixSignals.Signal(pid, PosixSignals.SIGKILL);
            }

            if (_cgroups is not null)
            {
                new ProcessCgroup(_cgroups.Root, _cgroups.Root).Kill();
                AwaitCondition(() =>
                {
                    _cgroups.Prune();
                    return new ProcessCgroup(_cgroups.Root, Path.GetDirectoryName(_cgroups.Root)!).TryRemove();
                }, Timeout);
            }

            _sandbox.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A process whose child calls setsid: the child leaves the group, and carries the injected variables.</summary>
    private async Task<(IActorRef Process, int Leader, int Child)> StartWithSetsidChildAsync(CgroupHierarchy? cgroups)
    {
        var childFile = Path.Combine(_sandbox.Root, "child.pid");
        var environment = ImmutableDictionary<string, string>.Empty
            .Add("ORCH_APP", "app").Add("ORCH_DEPLOYMENT_ID", "app-000000-000000").Add("ORCH_PROCESS_ID", "web")
            .Add("ORCH_RELEASE_PATH", _sandbox.Root);
        var spec = _sandbox.Spec($"sh -c 'setsid sleep 300 & echo $! > {childFile}; exec sleep 300'",
            gracefulStop: TimeSpan.FromSeconds(2), environment: environment);
        var process = Sys.ActorOf(ProcessTestParent.Props(ProcessActor.Props(spec, null, cgroups), _parent.Ref));
        var started = await _parent.ExpectMsgAsync<ProcessStarted>(Timeout);
        _pids.Add(started.Pid);
        var child = 0;
        await AwaitAssertAsync(() => Assert.True(File.Exists(childFile) && int.TryParse(File.ReadAllText(childFile), out child)), Timeout);
        _pids.Add(child);
        await AwaitAssertAsync(() => Assert.Equal(child, ProcStat.Read(child)?.ProcessGroup), Timeout);
        return (process, started.Pid, child);
    }
}
