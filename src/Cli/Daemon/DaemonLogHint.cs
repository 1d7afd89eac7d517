
namespace Orchestrator.Cli.Daemon;

/// <summary>
/// Where to look for what the daemon said. Only a daemon started by <c>--ensure-daemon</c> writes
/// <c>&lt;state dir&gt;/daemon.log</c>; one run in the foreground (a terminal, a service manager) writes to its own output.
/// </summary>
internal static class DaemonLogHint
{
    public static string Where()
    {
        var log = Path.Combine(Defaults.StateDirectory(), Defaults.DaemonLogFileName);
        return File.Exists(log)
            ? $"the daemon log ({log})"
            : "the output of `orch daemon` (its terminal, or the log of the service that runs it)";
    }
}
