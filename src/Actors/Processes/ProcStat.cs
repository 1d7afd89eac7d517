using System.Globalization;

namespace Orchestrator.Actors.Processes;

/// <summary>Reads <c>/proc/&lt;pid&gt;/stat</c>: the start time that tells a live pid from a reused one.</summary>
internal static class ProcStat
{
    /// <summary>Field 22 of <c>/proc/&lt;pid&gt;/stat</c> (clock ticks after boot), or null when the pid is gone or a zombie.</summary>
    public static long? StartTimeTicks(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        return Parse(text);
    }

    /// <summary>Parses a stat line; the command name (field 2) may hold spaces and parentheses, so fields count from its last ')'.</summary>
    public static long? Parse(string stat)
    {
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        // After ") " come field 3 (state) onwards; field 22 is index 19 of that list.
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>True when <paramref name="pid"/> runs and is the same process that started at <paramref name="startTimeTicks"/>.</summary>
    public static bool IsSameProcess(int pid, long startTimeTicks) =>
        pid > 1 && StartTimeTicks(pid) is { } ticks && ticks == startTimeTicks;
}
