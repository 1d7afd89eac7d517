using System.Net;
using System.Net.Sockets;
using Orchestrator.Config;
using Orchestrator.Control.Client;
using Orchestrator.Control.Client.Http;
using Orchestrator.Control.Contracts;
using Orchestrator.Hosting;
using Orchestrator.State;

namespace Orchestrator.Doctor;

/// <summary>The checks of <c>orch doctor</c>, each answering one question about this machine.</summary>
internal static class DoctorChecks
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(
        string socketPath, string configPath, JournalChoice? journal, CancellationToken cancellationToken)
    {
        var (socketCheck, daemon) = await ControlSocketAsync(socketPath, cancellationToken);
        var stateDirectory = daemon?.StateDirectory ?? Defaults.StateDirectory();
        journal ??= daemon?.Journal is { Length: > 0 } used ? JournalChoice.Parse(used) : JournalChoice.Embedded;
        return
        [
            socketCheck,
            StateDirectory(stateDirectory),
            await ProxyListenAsync(configPath, socketPath, daemon, cancellationToken),
            journal.IsRedis ? await RedisJournalAsync(journal) : Journal(new State.StateDirectory(stateDirectory)),
        ];
    }

    private static async Task<(DoctorCheck Check, DaemonInfo? Daemon)> ControlSocketAsync(string socketPath, CancellationToken cancellationToken)
    {
        const string Name = "control socket";
        using var client = new ControlClient(socketPath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var info = await client.HealthAsync(timeout.Token);
            return (new DoctorCheck(Name, true, $"orch daemon {info.Version} (pid {info.Pid}, state dir {info.StateDirectory}) answers on {socketPath}"), info);
        }
        catch (Exception ex) when (ex is DaemonNotRunningException or UnauthorizedAccessException or ControlApiException or ControlConnectionException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (new DoctorCheck(Name, false, ex is OperationCanceledException ? $"nothing answered on {socketPath} within {ProbeTimeout.TotalSeconds:0}s" : ex.Message), null);
        }
    }

    private static DoctorCheck StateDirectory(string directory)
    {
        const string Name = "state directory";
        if (!Directory.Exists(directory))
        {
            return new DoctorCheck(Name, true, $"{directory} does not exist yet; `orch daemon` creates it");
        }

        var probe = Path.Combine(directory, $".doctor-{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(probe, "orch doctor");
            File.Delete(probe);
            return new DoctorCheck(Name, true, $"{directory} is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DoctorCheck(Name, false, $"{directory} is not writable: {ex.Message}");
        }
    }

    private static async Task<DoctorCheck> ProxyListenAsync(string configPath, string socketPath, DaemonInfo? daemon, CancellationToken cancellationToken)
    {
        const string Name = "proxy listen";
        var fullPath = Path.GetFullPath(configPath);
        if (!File.Exists(fullPath))
        {
            return new DoctorCheck(Name, true, $"skipped: no config at {fullPath}");
        }

        ConfigLoadResult loaded;
        try
        {
            loaded = AppConfigLoader.Load(await File.ReadAllTextAsync(fullPath, cancellationToken), fullPath);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DoctorCheck(Name, false, $"could not read {fullPath}: {ex.Message}");
        }

        if (!loaded.IsValid || loaded.Config is null)
        {
            return new DoctorCheck(Name, false, $"{fullPath} is invalid ({loaded.Problems.Length} problems); run `orch validate`");
        }

        if (loaded.Config.Proxy is not { } proxy)
        {
            return new DoctorCheck(Name, true, $"app {loaded.Config.App} has no proxied process: nothing to listen on");
        }

        if (!IPEndPoint.TryParse(proxy.Listen, out var endpoint))
        {
            return new DoctorCheck(Name, false, $"proxy.listen {proxy.Listen} is not an ip:port");
        }

        try
        {
            using var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(endpoint);
            return new DoctorCheck(Name, true, $"{proxy.Listen} is free");
        }
        catch (SocketException ex)
        {
            if (daemon is not null && await ServedByDaemonAsync(socketPath, loaded.Config.App, proxy.Listen, cancellationToken))
            {
                return new DoctorCheck(Name, true, $"{proxy.Listen} is served by the orch daemon (pid {daemon.Pid})");
            }

            return new DoctorCheck(Name, false, $"{proxy.Listen} cannot be bound ({ex.SocketErrorCode}); another process holds it — find it with `ss -ltnp`");
        }
    }

    private static async Task<bool> ServedByDaemonAsync(string socketPath, string app, string listen, CancellationToken cancellationToken)
    {
        using var client = new ControlClient(socketPath);
        var status = await client.StatusAsync(app, cancellationToken);
        return status.Apps.Any(a => a.Listen == listen);
    }

    private static async Task<DoctorCheck> RedisJournalAsync(JournalChoice journal)
    {
        const string Name = "journal";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return await RedisJournalProbe.ProblemAsync(journal, ProbeTimeout) is { } problem
            ? new DoctorCheck(Name, false, problem)
            : new DoctorCheck(Name, true, $"{journal} answers PING ({clock.Elapsed.TotalMilliseconds:0} ms to connect and ping)");
    }

    /// <summary>The same look at the SQLite file the daemon takes before it starts.</summary>
    private static DoctorCheck Journal(State.StateDirectory state)
    {
        const string Name = "journal";
        var journal = JournalInspection.Inspect(state.JournalPath);
        return journal.Condition switch
        {
            JournalCondition.Readable => new DoctorCheck(Name, true, $"{state.JournalPath}: {journal.Detail}"),
            JournalCondition.Empty => new DoctorCheck(Name, true, $"{state.JournalPath}: nothing journaled yet ({journal.Detail}); `orch daemon` creates it"),
            _ => new DoctorCheck(Name, false,
                $"{state.JournalPath} cannot be read ({journal.Detail}); stop the daemon and restore {state.BackupPath} over it (see the README's \"Journal backup\"), or move it away to start empty"),
        };
    }
}
