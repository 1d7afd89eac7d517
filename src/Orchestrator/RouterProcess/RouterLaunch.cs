using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Orchestrator.RouterProcess;

/// <summary>
/// How the daemon starts <c>orch router</c> for its state directory: this very executable, in a session of its own
/// (<c>setsid</c>) so that it outlives the daemon, working in the state directory, with its output in <c>router.log</c>.
/// </summary>
internal sealed record RouterLaunch(string StateDirectory, IPAddress? ListenHost)
{
    public const string LogFileName = "router.log";

    public string LogPath => Path.Combine(StateDirectory, LogFileName);

    /// <summary>Starts the router; returns its pid (the <c>Process</c> is reaped and disposed in the background).</summary>
    public int Start(int? takeOverFrom)
    {
        State.StateDirectory.CreateOwnerOnlyFile(LogPath);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = StateDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"$ORCH_ROUTER_LOG\" 2>&1");
        start.ArgumentList.Add("orch-router");
        foreach (var part in Arguments(takeOverFrom))
        {
            start.ArgumentList.Add(part);
        }

        start.Environment["ORCH_ROUTER_LOG"] = LogPath;
        // This router reads the state directory's own feed, whatever a remote router sharing the environment is told.
        start.Environment.Remove(Defaults.FeedEnvironmentVariable);
        RouterRuntimeEnvironment.ApplyTo(start.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/sh to launch the router");
        var pid = process.Id;
        // Reaped in the background: a router that exits must not stay a zombie the daemon mistakes for a live one.
        _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => process.Dispose(), TaskScheduler.Default);
        return pid;
    }

    private IEnumerable<string> Arguments(int? takeOverFrom)
    {
        foreach (var part in OrchExecutables.Command(OrchExecutables.Router))
        {
            yield return part;
        }

        yield return "router";
        yield return "--state-dir";
        yield return StateDirectory;
        if (ListenHost is not null)
        {
            yield return "--listen-host";
            yield return ListenHost.ToString();
        }

        if (takeOverFrom is { } pid)
        {
            yield return "--take-over";
            yield return pid.ToString(CultureInfo.InvariantCulture);
        }
    }
}
