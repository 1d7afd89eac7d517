using System.Globalization;
using Orchestrator.State;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// How much memory a process group holds: its own cgroup v2's <c>memory.current</c> when it was given a cgroup of its
/// own (one that differs from the daemon's, so a shared session or service cgroup is never charged to the app), else
/// the sum of <c>VmRSS</c> from <c>/proc/&lt;pid&gt;/status</c> over every live process of the group.
/// </summary>
internal static class MemoryUsage
{
    /// <summary>Bytes in use by the group led by <paramref name="pgid"/>, or null when nothing of it could be read.</summary>
    public static long? OfGroup(int pgid) => OwnCgroupBytes(pgid) ?? ResidentBytesOfGroup(pgid);

    /// <summary>Sums <c>VmRSS</c> over the live processes whose process group is <paramref name="pgid"/>.</summary>
    public static long? ResidentBytesOfGroup(int pgid)
    {
        long? total = null;
        foreach (var pid in ProcStat.GroupMembers(pgid))
        {
            if (ReadText($"/proc/{pid}/status") is { } status && ParseVmRss(status) is { } bytes)
            {
                total = (total ?? 0) + bytes;
            }
        }

        return total;
    }

    /// <summary>The <c>VmRSS:  12345 kB</c> line of a <c>/proc/&lt;pid&gt;/status</c> text, in bytes.</summary>
    public static long? ParseVmRss(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return fields is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                ? kb * 1024
                : null;
        }

        return null;
    }

    /// <summary>The path of the unified (v2) cgroup in a <c>/proc/&lt;pid&gt;/cgroup</c> text (its <c>0::</c> line).</summary>
    public static string? ParseCgroupPath(string cgroup) =>
        cgroup.Split('\n').FirstOrDefault(line => line.StartsWith("0::", StringComparison.Ordinal))?[3..].Trim() is { Length: > 0 } path
            ? path
            : null;

    /// <summary>Where cgroup v2 is mounted, from a <c>/proc/self/mountinfo</c> text (the filesystem type follows " - ").</summary>
    public static string? ParseCgroup2Mount(string mountinfo)
    {
        foreach (var line in mountinfo.Split('\n'))
        {
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            var fields = line.Split(' ');
            if (separator > 0 && line[(separator + 3)..].StartsWith("cgroup2 ", StringComparison.Ordinal) && fields.Length > 4)
            {
                return fields[4];
            }
        }

        return null;
    }

    private static long? OwnCgroupBytes(int pid)
    {
        if (ReadText($"/proc/{pid}/cgroup") is not { } cgroup || ParseCgroupPath(cgroup) is not { } path
            || ReadText("/proc/self/cgroup") is { } own && ParseCgroupPath(own) == path
            || ReadText("/proc/self/mountinfo") is not { } mountinfo || ParseCgroup2Mount(mountinfo) is not { } mount)
        {
            return null;
        }

        return ReadText(Path.Join(mount, path, "memory.current")) is { } current
               && long.TryParse(current.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : null;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
