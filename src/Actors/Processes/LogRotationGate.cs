using System.Collections.Concurrent;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Where the rotator and every reader of one log file meet, in this process: a lock held while the live file is
/// truncated (and while a reader reads), and a count of the rotations so far. A reader that sees the count move knows
/// the bytes after its offset are now in <c>&lt;name&gt;.N</c> (N = rotations it missed) and reads them there before
/// it starts again at the live file's beginning; a plain "shorter than my offset" check would miss a file that was
/// truncated and grew past the offset again between two reads.
/// </summary>
/// <remarks>
/// Static on purpose: a file is one per path whoever follows it (a ProcessActor, any number of <c>orch logs --follow</c>),
/// and the daemon is the only process that rotates or follows its logs. One small entry per log path ever read.
/// </remarks>
internal sealed class LogRotationGate
{
    private static readonly ConcurrentDictionary<string, LogRotationGate> Gates = new(StringComparer.Ordinal);

    private LogRotationGate()
    {
    }

    /// <summary>Rotations of this file since the daemon started; read and written under <see cref="Lock"/> only.</summary>
    public long Rotations { get; private set; }

    public Lock Lock { get; } = new();

    public static LogRotationGate For(string path) => Gates.GetOrAdd(Path.GetFullPath(path), _ => new LogRotationGate());

    /// <summary>Counts a rotation; the caller holds <see cref="Lock"/>.</summary>
    public void Rotated() => Rotations++;
}
