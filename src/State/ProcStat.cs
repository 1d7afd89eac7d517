using System.Globalization;

namespace Orchestrator.State;

/// <summary>
/// Reads <c>/proc/&lt;pid&gt;/stat</c>: the start time that tells a live pid from a reused one, and the process group.
/// A zombie counts as gone everywhere here: it runs nothing, and it may never be reaped (a container's pid 1 may not reap).
/// </summary>
internal static class ProcStat
{
    /// <summary>Field 22 of <c>/proc/&lt;pid&gt;/stat</c> (clock ticks after boot), or null when the pid is gone or a zombie.</summary>
    public static long? StartTimeTicks(int pid) => Read(pid)?.StartTimeTicks;

    /// <summary>True when <paramref name="pid"/> runs and is the same process that started at <paramref name="startTimeTicks"/>.</summary>
    public static bool IsSameProcess(int pid, long startTimeTicks) =>
        pid > 1 && StartTimeTicks(pid) is { } ticks && ticks == startTimeTicks;

    /// <summary>True while any live (non-zombie) process belongs to process group <paramref name="pgid"/>.</summary>
    public static bool IsGroupAlive(int pgid) => GroupMembers(pgid).Any();

    /// <summary>The live (non-zombie) processes of process group <paramref name="pgid"/>, read lazily from <c>/proc</c>.</summary>
    public static IEnumerable<int> GroupMembers(int pgid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { ProcessGroup: var group } && group == pgid)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The stat line of a live process, or null when it is gone or a zombie.</summary>
    public static Stat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses a stat line; the command name (field 2) may hold spaces and parentheses, so fields count from its last ')'.</summary>
    public static Stat? Parse(string stat)
    {
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        // After ") " come field 3 (state) onwards: field 5 (pgrp) is index 2, field 22 (starttime) index 19.
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return int.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var group)
               && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new Stat(group, ticks)
            : null;
    }

    /// <summary>The fields of a live process's stat line that a supervisor needs.</summary>
    internal sealed record Stat(int ProcessGroup, long StartTimeTicks);
}
