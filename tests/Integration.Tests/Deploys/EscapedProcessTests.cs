using Orchestrator.Actors.Processes;
using Orchestrator.Integration.Tests.Harness;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>
/// A child that leaves its process group with <c>setsid</c>: contained by the process's cgroup it is stopped with
/// its deployment; with <c>ORCH_CGROUPS=off</c> it survives, and status names it.
/// </summary>
public sealed class EscapedProcessTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Retire_SetsidChildInCgroup_IsStoppedWithItsDeploymentAndTheCgroupRemoved()
    {
        await using var orch = await OrchEnvironment.StartAsync();
        var (app, childPidFile) = SetsidApp(orch, "escape");
        int? child = null;
        try
        {
            await orch.DeployOkAsync(app, "r1");
            child = await ReadPidAsync(childPidFile);
            var cgroup = CgroupDirectoryOf(child.Value);
            Assert.True(cgroup is not null && cgroup.Contains("/orch/", StringComparison.Ordinal),
                $"the setsid child {child} is not in an orch cgroup ({cgroup ?? "no cgroup v2"}); daemon: {orch.ReadDaemonLog()}");

            File.Delete(childPidFile);
            await orch.DeployOkAsync(app, "r2");
            await Eventually.ValueAsync(() => orch.AppAsync(app.App), a => a.Deployment("r1").State == "retired", "r1 to retire", StopTimeout);

            await Eventually.TrueAsync(() => Task.FromResult(!IsRunning(child.Value)), $"r1's setsid child {child} to be stopped", StopTimeout);
            Assert.False(Directory.Exists(cgroup), $"r1's cgroup {cgroup} is still there");
            Assert.False(Directory.Exists(Path.GetDirectoryName(cgroup)), $"r1's deployment cgroup {Path.GetDirectoryName(cgroup)} is still there");
            var status = await orch.AppAsync(app.App);
            Assert.DoesNotContain(status.Deployment("r1").Processes, p => p.Survivors is { IsEmpty: false });
        }
        finally
        {
            KillIfRunning(child);
        }
    }

    [Fact]
    public async Task Retire_SetsidChildWithoutCgroups_IsNamedInStatusWhileItRuns()
    {
        await using var orch = await OrchEnvironment.StartAsync(new Dictionary<string, string> { [CgroupHierarchy.SwitchVariable] = "off" });
        var (app, childPidFile) = SetsidApp(orch, "escape-off");
        int? child = null;
        try
        {
            await orch.DeployOkAsync(app, "r1");
            child = await ReadPidAsync(childPidFile);
            Assert.DoesNotContain("/orch/", CgroupDirectoryOf(child.Value) ?? "", StringComparison.Ordinal);

            File.Delete(childPidFile);
            await orch.DeployOkAsync(app, "r2");
            var status = await Eventually.ValueAsync(() => orch.AppAsync(app.App),
                a => a.Deployment("r1").State == "retired" && a.Deployment("r1").Processes.Any(p => p.Survivors is { IsEmpty: false }),
                "r1 to retire with a survivor named", StopTimeout);

            var web = Assert.Single(status.Deployment("r1").Processes);
            Assert.Equal("web", web.Id);
            Assert.Equal([child.Value], web.Survivors!.Value.ToArray());
            var table = await orch.RunAsync("status", "--app", app.App);
            Assert.Contains($"survived its stop: pid {child}", table.Stdout, StringComparison.Ordinal);
            Assert.Contains("no cgroups (ORCH_CGROUPS=off)", orch.ReadDaemonLog(), StringComparison.Ordinal);

            KillIfRunning(child);
            await Eventually.ValueAsync(() => orch.AppAsync(app.App),
                a => a.Deployment("r1").Processes.All(p => p.Survivors is null), "the killed survivor to leave status", StopTimeout);
        }
        finally
        {
            KillIfRunning(child);
        }
    }

    private static (TestApp App, string ChildPidFile) SetsidApp(OrchEnvironment orch, string name)
    {
        var childPidFile = Path.Combine(orch.Root, $"{name}-child.pid");
        return (TestApp.Create(name) with { Drain = "2s", Environment = $"SETSID_CHILD = \"{childPidFile}\"" }, childPidFile);
    }

    private static async Task<int> ReadPidAsync(string file)
    {
        var text = await Eventually.ValueAsync(
            () => Task.FromResult(File.Exists(file) ? File.ReadAllText(file) : ""), t => int.TryParse(t, out _), $"a pid in {file}");
        return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The cgroup v2 directory of a live process, or null.</summary>
    private static string? CgroupDirectoryOf(int pid)
    {
        var mount = CgroupHierarchy.MountPoint(File.ReadAllText("/proc/self/mountinfo"));
        var own = File.Exists($"/proc/{pid}/cgroup") ? CgroupHierarchy.OwnCgroup(File.ReadAllText($"/proc/{pid}/cgroup")) : null;
        return mount is { } m && own is not null ? Path.Join(m.Path, own) : null;
    }

    private static bool IsRunning(int pid) => ProcStat.Read(pid) is not null;

    private static void KillIfRunning(int? pid)
    {
        if (pid is { } p && IsRunning(p))
        {
            PosixSignals.Signal(p, PosixSignals.SIGKILL);
        }
    }
}
