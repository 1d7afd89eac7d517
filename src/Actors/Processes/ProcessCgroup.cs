using System.Globalization;
using Orchestrator.State;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// One supervised process's cgroup v2 directory: every process it starts stays in it, even one that leaves the
/// process group with <c>setsid</c>, so a stop can reach them all.
/// </summary>
/// <param name="Path">The cgroup's directory.</param>
/// <param name="StopAt">Removal climbs the empty parents up to, not including, this directory.</param>
internal sealed record ProcessCgroup(string Path, string StopAt)
{
    public string ProcsFile => System.IO.Path.Join(Path, "cgroup.procs");

    private string KillFile => System.IO.Path.Join(Path, "cgroup.kill");

    /// <summary>A single path segment that cannot climb or hide: <c>[A-Za-z0-9_-]</c>, not starting with '-'.</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 255 && name[0] != '-' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Moves <paramref name="pid"/> in; null on success, else why not (EBUSY, ESRCH, EACCES…).</summary>
    public string? Join(int pid)
    {
        try
        {
            File.WriteAllText(ProcsFile, pid.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>The pids in the cgroup now (zombies are not listed); empty when the cgroup is gone.</summary>
    public IReadOnlyList<int> Pids()
    {
        try
        {
            return [.. File.ReadAllLines(ProcsFile)
                .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 1)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every process in the cgroup; the ones already gone are skipped.</summary>
    /// <param name="exceptGroup">A process group already signalled: its members are skipped, so none gets the signal twice.</param>
    public void Signal(int signal, int? exceptGroup = null)
    {
        foreach (var pid in Pids().Where(pid => exceptGroup is null || ProcStat.Read(pid)?.ProcessGroup != exceptGroup))
        {
            try
            {
                PosixSignals.Signal(pid, signal);
            }
            catch (InvalidOperationException)
            {
                // EPERM: not ours to signal; it is reported as a survivor if it outlives the stop.
            }
        }
    }

    /// <summary>SIGKILLs everything in the cgroup at once (<c>cgroup.kill</c>, Linux 5.14+), else each pid in turn.</summary>
    public void Kill()
    {
        try
        {
            if (File.Exists(KillFile))
            {
                File.WriteAllText(KillFile, "1");
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Fall back to one signal per pid below.
        }

        Signal(PosixSignals.SIGKILL);
    }

    /// <summary>Removes the cgroup and its parents that became empty; false while a process (or a child cgroup) is left.</summary>
    public bool TryRemove()
    {
        var stopAt = System.IO.Path.TrimEndingDirectorySeparator(StopAt);
        for (var dir = Path; dir.Length > stopAt.Length && dir.StartsWith(stopAt, StringComparison.Ordinal);
             dir = System.IO.Path.GetDirectoryName(dir) ?? "")
        {
            try
            {
                // A cgroup directory is removed with rmdir(2) alone: its control files are not real files.
                Directory.Delete(dir, recursive: false);
            }
            catch (DirectoryNotFoundException)
            {
                // Already gone: climb on.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return dir != Path;
            }
        }

        return true;
    }
}
