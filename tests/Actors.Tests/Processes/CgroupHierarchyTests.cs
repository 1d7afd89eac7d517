using System.Diagnostics;
using Orchestrator.Actors.Processes;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>The cgroup v2 type on this host's real hierarchy: create, join, list, kill, remove; and the parsing it rests on.</summary>
public sealed class CgroupHierarchyTests : IDisposable
{
    private readonly ProcessSandbox _sandbox = new();
    private readonly List<Process> _processes = [];
    private CgroupHierarchy? _cgroups;

    [Fact]
    public void MountPoint_HybridMountinfo_FindsTheCgroup2Line()
    {
        const string mountinfo = """
            30 24 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
            32 30 0:28 / /sys/fs/cgroup/memory rw,nosuid shared:11 - cgroup cgroup rw,memory
            """;

        Assert.Equal(("/sys/fs/cgroup/unified", "/"), CgroupHierarchy.MountPoint(mountinfo));
    }

    [Fact]
    public void MountPoint_EscapedSpaceAndNoCgroup2_AreHandled()
    {
        Assert.Equal(("/mnt/my cg", "/sub"), CgroupHierarchy.MountPoint("40 1 0:9 /sub /mnt/my\\040cg rw - cgroup2 none rw\n"));
        Assert.Null(CgroupHierarchy.MountPoint("32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"));
    }

    [Fact]
    public void OwnCgroup_ProcSelfCgroup_IsTheZeroLine()
    {
        Assert.Equal("/system.slice/orch.service", CgroupHierarchy.OwnCgroup("4:memory:/x\n0::/system.slice/orch.service\n"));
        Assert.Null(CgroupHierarchy.OwnCgroup("4:memory:/x\n"));
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("app-250101-120000-2", true)]
    [InlineData("..", false)]
    [InlineData(".probe", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("-x", false)]
    public void IsSafeName_OnlySinglePlainSegments(string name, bool safe) => Assert.Equal(safe, ProcessCgroup.IsSafeName(name));

    [Fact]
    public void Detect_OrchCgroupsOff_ReturnsNullWithTheReason()
    {
        Environment.SetEnvironmentVariable(CgroupHierarchy.SwitchVariable, "off");
        try
        {
            Assert.Null(CgroupHierarchy.Detect(_sandbox.Root, out var reason));
            Assert.Equal("ORCH_CGROUPS=off", reason);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CgroupHierarchy.SwitchVariable, null);
        }
    }

    [Fact]
    public void ProcessCgroup_OnTheRealHierarchy_JoinsListsKillsAndRemoves()
    {
        _cgroups = CgroupHierarchy.Detect(_sandbox.Root, out var reason);
        Assert.True(_cgroups is not null, $"cgroup v2 is not writable on this host: {reason}");
        var spec = _sandbox.Spec("sleep 300");

        var cgroup = _cgroups.Open(spec, out var error);
        Assert.True(cgroup is not null, error);
        Assert.Equal(Path.Join(_cgroups.Root, "app", "app-000000-000000", "web"), cgroup.Path);
        var first = Sleep();
        var second = Sleep();
        Assert.Null(cgroup.Join(first.Id));
        Assert.Null(cgroup.Join(second.Id));
        Assert.Equal([first.Id, second.Id], cgroup.Pids().Order().ToArray());
        Assert.Equal(cgroup.Path, _cgroups.Find(spec, first.Id)?.Path);
        Assert.False(cgroup.TryRemove(), "a cgroup that holds processes cannot be removed");

        cgroup.Kill();

        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)) && second.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Empty(cgroup.Pids());
        Assert.True(cgroup.TryRemove());
        Assert.False(Directory.Exists(Path.Join(_cgroups.Root, "app")));
        Assert.True(Directory.Exists(_cgroups.Root));
        Assert.Null(_cgroups.Find(spec, first.Id));
    }

    [Fact]
    public void ProcessCgroup_JoinOfAGonePid_SaysWhy()
    {
        _cgroups = CgroupHierarchy.Detect(_sandbox.Root, out var reason);
        Assert.True(_cgroups is not null, $"cgroup v2 is not writable on this host: {reason}");
        var cgroup = _cgroups.Open(_sandbox.Spec("true"), out _)!;
        var gone = Process.Start("true");
        gone.WaitForExit();

        Assert.NotNull(cgroup.Join(gone.Id));
        Assert.True(cgroup.TryRemove());
    }

    public void Dispose()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill();
            process.WaitForExit();
        }

        if (_cgroups is not null)
        {
            _cgroups.Prune();
            Directory.Delete(_cgroups.Root);
        }

        _sandbox.Dispose();
    }

    private Process Sleep()
    {
        var process = Process.Start("sleep", "300");
        _processes.Add(process);
        return process;
    }
}
