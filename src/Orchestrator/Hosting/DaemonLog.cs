using System.Globalization;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Hosting;

/// <summary>
/// The daemon's own log. Under systemd (<c>JOURNAL_STREAM</c> set) its output is the journal and no file is kept.
/// Otherwise, when <c>ORCH_DAEMON_LOG</c> names the file its output is appended to (<c>--ensure-daemon</c> starts it so,
/// with <c>&lt;state dir&gt;/daemon.log</c>), that file is rotated like a process log: copy-truncate at
/// <c>ORCH_LOG_MAX_SIZE</c> (default 50MB), keeping <c>ORCH_LOG_KEEP</c> (default 5) rotated copies.
/// </summary>
internal sealed record DaemonLog(string Path, LogsConfig Limits)
{
    /// <summary>The file to rotate, or null (the journal, or an output the daemon does not own); a problem for bad settings.</summary>
    public static DaemonLog? FromEnvironment(out string? problem)
    {
        problem = null;
        var limits = new LogsConfig();
        if (Environment.GetEnvironmentVariable(Defaults.LogMaxSizeEnvironmentVariable) is { Length: > 0 } size)
        {
            if (LogSize.Problem(size) is { } wrong)
            {
                problem = $"{Defaults.LogMaxSizeEnvironmentVariable}: {wrong}";
                return null;
            }

            limits = limits with { MaxSize = LogSize.Parse(size) };
        }

        if (Environment.GetEnvironmentVariable(Defaults.LogKeepEnvironmentVariable) is { Length: > 0 } keepText)
        {
            if (!int.TryParse(keepText, NumberStyles.None, CultureInfo.InvariantCulture, out var keep) || keep is < 1 or > Defaults.LogMaxKeep)
            {
                problem = $"{Defaults.LogKeepEnvironmentVariable}: '{keepText}' is not a number of rotated files from 1 to {Defaults.LogMaxKeep} (e.g. {Defaults.LogKeep})";
                return null;
            }

            limits = limits with { Keep = keep };
        }

        if (Environment.GetEnvironmentVariable(Defaults.JournalStreamEnvironmentVariable) is { Length: > 0 })
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(Defaults.DaemonLogEnvironmentVariable) is { Length: > 0 } path
            ? new DaemonLog(System.IO.Path.GetFullPath(path), limits)
            : null;
    }

    /// <summary>Looks at the file's size every <see cref="Defaults.DaemonLogCheckInterval"/> and rotates it when full, until cancelled.</summary>
    public async Task RotateAsync(TextWriter errors, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Defaults.DaemonLogCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (LogRotator.RotateIfFull(Path, Limits) is > 0 and var moved)
                    {
                        await errors.WriteLineAsync($"orch daemon: rotated its log {Path} ({ByteSize.Format(moved)} moved to {System.IO.Path.GetFileName(Path)}.1, keeping {Limits.Keep})");
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await errors.WriteLineAsync($"orch daemon: could not rotate its log {Path}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping.
        }
    }
}
