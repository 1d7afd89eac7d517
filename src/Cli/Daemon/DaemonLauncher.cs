using System.Diagnostics;
using System.Reflection;
using Orchestrator.Actors;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli.Daemon;

/// <summary><c>--ensure-daemon</c>: starts <c>orch daemon</c> in its own session when nothing answers, and waits for it.</summary>
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

        var stateDirectory = Defaults.StateDirectory();
        Directory.CreateDirectory(stateDirectory);
        var logPath = Path.Combine(stateDirectory, Defaults.DaemonLogFileName);
        cli.Output.Note($"no orch daemon on {cli.SocketPath}; starting one (log: {logPath})");
        await StartDetachedAsync(cli.SocketPath, logPath, cancellationToken);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await TryHealthAsync(client, cancellationToken))
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new CliFailureException(
            $"the orch daemon did not answer on {cli.SocketPath} within {StartTimeout.TotalSeconds:0}s; last lines of {logPath}:{Environment.NewLine}{Tail(logPath)}",
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
    /// <c>setsid -f</c> gives the daemon its own session (a Ctrl-C in this terminal must not reach it) and forks so it
    /// is not our child; the shell wrapper exists only to redirect stdin/stdout/stderr.
    /// </summary>
    private static async Task StartDetachedAsync(string socketPath, string logPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid -f \"$@\" </dev/null >>\"$ORCH_DAEMON_LOG\" 2>&1");
        start.ArgumentList.Add("orch-daemon");
        foreach (var part in SelfCommand())
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("daemon");
        start.ArgumentList.Add("--control");
        start.ArgumentList.Add(socketPath);
        start.Environment["ORCH_DAEMON_LOG"] = logPath;

        using var shell = Process.Start(start) ?? throw new CliFailureException("could not start /bin/sh to launch the daemon");
        await shell.WaitForExitAsync(cancellationToken);
        if (shell.ExitCode != 0)
        {
            throw new CliFailureException(
                $"launching the daemon failed (exit {shell.ExitCode}); last lines of {logPath}:{Environment.NewLine}{Tail(logPath)}",
                "is `setsid` (util-linux) installed?");
        }
    }

    /// <summary>This very executable; under <c>dotnet orch.dll</c> that is the host plus the entry assembly.</summary>
    private static IEnumerable<string> SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new CliFailureException("cannot tell which executable is running");
        yield return processPath;
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
        {
            yield return entry;
        }
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(LogTailLines)) : "(no log written)";
}
