using System.Diagnostics;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli.Daemon;

/// <summary><c>--ensure-daemon</c>: starts <c>orch-daemon daemon</c> in its own session when nothing answers, and waits for it.</summary>
internal static class DaemonLauncher
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private const int LogTailLines = 30;

    public static async Task EnsureRunningAsync(CliContext cli, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        if (await TryHealthAsync(client, cancellationToken))
        {
            return;
        }

        if (cli.Endpoint is not ControlEndpoint.UnixSocket { Path: var socketPath })
        {
            throw new CliFailureException(
                $"no orch daemon answers at {cli.Endpoint}, and --ensure-daemon starts one only on this machine",
                "start the remote daemon there with `orch daemon --control-listen HOST:PORT`, or drop --control to deploy here");
        }

        var stateDirectory = Defaults.StateDirectory();
        OwnerOnly.CreateDirectory(stateDirectory);
        var logPath = Path.Combine(stateDirectory, Defaults.DaemonLogFileName);
        OwnerOnly.CreateFile(logPath);
        cli.Output.Note($"no orch daemon on {socketPath}; starting one (log: {logPath})");
        using var daemon = StartDetached(socketPath, logPath);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await TryHealthAsync(client, cancellationToken))
            {
                return;
            }

            if (daemon.HasExited && daemon.ExitCode != 0)
            {
                throw new CliFailureException(
                    $"the orch daemon exited with code {daemon.ExitCode} before answering; last lines of {logPath}:{Environment.NewLine}{Tail(logPath)}",
                    "start it in the foreground with `orch daemon` to see why");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new CliFailureException(
            $"the orch daemon did not answer on {socketPath} within {StartTimeout.TotalSeconds:0}s; last lines of {logPath}:{Environment.NewLine}{Tail(logPath)}",
            "start it in the foreground with `orch daemon` to see why");
    }

    private static async Task<bool> TryHealthAsync(ControlClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await client.HealthAsync(timeout.Token);
            return true;
        }
        catch (DaemonNotRunningException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // bound but not answering yet
        }
    }

    /// <summary>
    /// <c>setsid</c> gives the daemon its own session, so a Ctrl-C in this terminal never reaches it; the shell exists only
    /// to redirect stdin/stdout/stderr and then becomes the daemon (<c>exec</c>), so the returned process is the daemon.
    /// </summary>
    private static Process StartDetached(string socketPath, string logPath)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"$ORCH_DAEMON_LOG\" 2>&1");
        start.ArgumentList.Add("orch-daemon");
        IReadOnlyList<string> self;
        try
        {
            self = OrchExecutables.Command(OrchExecutables.Daemon);
        }
        catch (FileNotFoundException e)
        {
            throw new CliFailureException(e.Message);
        }

        foreach (var part in self)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("daemon");
        start.ArgumentList.Add("--control");
        start.ArgumentList.Add(socketPath);
        start.Environment[Defaults.DaemonLogEnvironmentVariable] = logPath;

        // Its output is this file, not the journal of a systemd unit the CLI may run under: the daemon rotates the file.
        start.Environment.Remove(Defaults.JournalStreamEnvironmentVariable);
        return Process.Start(start) ?? throw new CliFailureException("could not start /bin/sh to launch the daemon");
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(LogTailLines)) : "(no log written)";
}
