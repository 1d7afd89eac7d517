using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// The writable cgroup v2 directory this daemon keeps its processes' cgroups under:
/// <c>&lt;v2 mount&gt;&lt;daemon's own cgroup&gt;/orch/&lt;instance&gt;</c>, where the instance is derived from the
/// state directory so two daemons on one host never share (and kill) each other's cgroups, and a restarted daemon
/// finds the cgroups of the processes it adopts.
/// </summary>
internal sealed class CgroupHierarchy
{
    /// <summary>Set to <c>off</c> on the daemon to never use cgroups (escaped processes are then only reported).</summary>
    public const string SwitchVariable = "ORCH_CGROUPS";

    private const string OrchDirectory = "orch";
    private const string ProbeName = ".probe";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private CgroupHierarchy(string root) => Root = root;

    /// <summary>The absolute directory, e.g. <c>/sys/fs/cgroup/unified/orch/3f2a…</c>.</summary>
    public string Root { get; }

    /// <summary>
    /// Finds and proves the hierarchy: creates <see cref="Root"/> and moves a short-lived probe process into a cgroup
    /// below it. Null, with <paramref name="reason"/>, when cgroups are switched off or any step fails.
    /// </summary>
    public static CgroupHierarchy? Detect(string stateDirectory, out string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"{SwitchVariable}=off";
            return null;
        }

        try
        {
            if (RootFor(stateDirectory, out reason) is not { } root)
            {
                return null;
            }

            var hierarchy = new CgroupHierarchy(root);
            hierarchy.Prune();
            reason = hierarchy.Probe() ?? "";
            return reason.Length == 0 ? hierarchy : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Where the daemon with <paramref name="stateDirectory"/> keeps its cgroups, or null (with why) without cgroup v2.</summary>
    public static string? RootFor(string stateDirectory, out string reason)
    {
        var mount = MountPoint(File.ReadAllText("/proc/self/mountinfo"));
        var own = OwnCgroup(File.ReadAllText("/proc/self/cgroup"));
        reason = mount is null ? "no cgroup2 file system is mounted" : own is null ? "this process is in no cgroup v2" : "";
        return mount is { } m && own is not null
            ? Path.Join(m.Path, Relative(own, m.Root), OrchDirectory, Instance(stateDirectory))
            : null;
    }

    /// <summary>Removes the empty cgroups a crash or a stopped daemon left behind; ones that hold a process stay.</summary>
    public void Prune()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            new ProcessCgroup(dir, Root).TryRemove();
        }
    }

    /// <summary>The cgroup of one supervised process (created if missing), or null when a name is unsafe or mkdir fails.</summary>
    public ProcessCgroup? Open(ProcessSpec spec, out string? error)
    {
        if (PathOf(spec) is not { } path)
        {
            error = $"unsafe cgroup name in {spec.App}/{spec.DeploymentId}/{spec.ProcessId}";
            return null;
        }

        try
        {
            Directory.CreateDirectory(path);
            error = null;
            return new ProcessCgroup(path, Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot create cgroup {path}: {e.Message}";
            return null;
        }
    }

    /// <summary>The cgroup of an adopted process: only when its directory still exists and holds <paramref name="pid"/>.</summary>
    public ProcessCgroup? Find(ProcessSpec spec, int pid) =>
        PathOf(spec) is { } path && Directory.Exists(path) && new ProcessCgroup(path, Root) is var cgroup && cgroup.Pids().Contains(pid)
            ? cgroup
            : null;

    /// <summary>The mount point and root of the cgroup2 line of <c>/proc/self/mountinfo</c>, or null.</summary>
    internal static (string Path, string Root)? MountPoint(string mountinfo)
    {
        foreach (var line in mountinfo.Split('\n'))
        {
            // "36 25 0:31 <root> <mount point> <options> [optional fields] - <fstype> <source> <super options>"
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var fields = line[..separator].Split(' ');
            var fsType = line[(separator + 3)..].Split(' ')[0];
            if (fsType == "cgroup2" && fields.Length >= 5)
            {
                return (Unescape(fields[4]), Unescape(fields[3]));
            }
        }

        return null;
    }

    /// <summary>The path of the <c>0::</c> line of <c>/proc/self/cgroup</c> (the v2 hierarchy), or null.</summary>
    internal static string? OwnCgroup(string procSelfCgroup) =>
        procSelfCgroup.Split('\n').FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal)) is { } line
            ? line[3..].Trim()
            : null;

    /// <summary>A cgroup path made relative to the mount's root (a container may mount a sub-tree as its root).</summary>
    private static string Relative(string cgroup, string mountRoot) =>
        mountRoot == "/" || !cgroup.StartsWith(mountRoot, StringComparison.Ordinal) ? cgroup : cgroup[mountRoot.Length..];

    private static string Instance(string stateDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stateDirectory))))[..12];

    private static string Unescape(string field) =>
        field.Contains('\\', StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})",
                m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString(CultureInfo.InvariantCulture))
            : field;

    private string? PathOf(ProcessSpec spec) =>
        ProcessCgroup.IsSafeName(spec.App) && ProcessCgroup.IsSafeName(spec.DeploymentId) && ProcessCgroup.IsSafeName(spec.ProcessId)
            ? Path.Join(Root, spec.App, spec.DeploymentId, spec.ProcessId)
            : null;

    /// <summary>Creates the root and moves a real process into a cgroup under it: null when that works, else why not.</summary>
    private string? Probe()
    {
        var probe = new ProcessCgroup(Path.Join(Root, ProbeName), Root);
        try
        {
            Directory.CreateDirectory(probe.Path);
            var info = new ProcessStartInfo(ProcessLauncher.ShellPath) { UseShellExecute = false, RedirectStandardError = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("echo $$ > \"$1\"");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add(probe.ProcsFile);
            using var process = Process.Start(info) ?? throw new IOException($"could not start {ProcessLauncher.ShellPath}");
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill();
                return $"a probe process did not join {probe.Path} within {ProbeTimeout.TotalSeconds:0}s";
            }

            return process.ExitCode == 0
                ? null
                : $"a process cannot join {probe.Path}: {stderr.GetAwaiter().GetResult().Trim()}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception)
        {
            return $"cannot create {probe.Path}: {e.Message}";
        }
        finally
        {
            probe.TryRemove();
        }
    }
}
