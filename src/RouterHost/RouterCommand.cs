using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Orchestrator.Config;

namespace Orchestrator.RouterHost;

/// <summary>
/// <c>orch router</c>: the data plane of a state directory in the foreground (the daemon starts one itself; systemd may
/// too). It reads its tables from the daemon of that state directory. <c>orch router restart</c> is the client's: it
/// asks the daemon for a hand-over.
/// </summary>
internal sealed class RouterCommand : Command
{
    private static readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = $"The state directory it serves: its daemon's feed, its saved tables, lock and log live there (default: ${Defaults.StateDirEnvironmentVariable}, else ~/.local/state/orch)",
        HelpName = "DIR",
    };

    private static readonly Option<string?> ListenHost = new("--listen-host")
    {
        Description = "Bind every app's listener on this IP instead of the host in its proxy.listen (the port stays)",
        HelpName = "IP",
    };

    private static readonly Option<string?> DrainTimeout = new("--drain-timeout")
    {
        Description = "On SIGTERM (or a hand-over), how long connections to a deployment that is not draining may run before they are cut (default 60m)",
        HelpName = "DURATION",
    };

    private static readonly Option<int?> TakeOver = new("--take-over")
    {
        Description = "Bind next to the router with this pid (used by `orch router restart`)",
        HelpName = "PID",
        Hidden = true,
    };

    public RouterCommand()
        : base("router", "Run the router (the apps' listeners) of a state directory in the foreground, or hand it over to a new one")
    {
        Options.Add(StateDir);
        ListenHost.Validators.Add(ValidateListenHost);
        Options.Add(ListenHost);
        DrainTimeout.Validators.Add(ValidateDrainTimeout);
        Options.Add(DrainTimeout);
        Options.Add(TakeOver);
        SetAction(RunAsync);
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stateDirectory = parseResult.GetValue(StateDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Defaults.StateDirectory();
        var options = new RouterOptions
        {
            StateDirectory = stateDirectory,
            ListenHost = parseResult.GetValue(ListenHost) is { Length: > 0 } listenHost ? IPAddress.Parse(listenHost) : null,
            TakeOverFrom = parseResult.GetValue(TakeOver),
            DrainTimeout = Duration.TryParse(parseResult.GetValue(DrainTimeout), out var drain) ? drain : Orchestrator.Router.RouterDefaults.HandOverDrainTimeout,
            Json = parseResult.GetValue(RouterCommandLine.Json),
        };

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        return await RouterNode.RunAsync(options, stopping.Token);
    }

    private static void ValidateListenHost(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { Length: > 0 } host && !IPAddress.TryParse(host, out _))
        {
            result.AddError($"--listen-host {host} is not an IP address; use e.g. --listen-host 127.0.0.2");
        }
    }

    private static void ValidateDrainTimeout(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { Length: > 0 } text && !Duration.TryParse(text, out _))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"--drain-timeout {text} is not a duration; use e.g. 90s, 30m or 1h"));
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        // Keep the process alive: the router stops accepting, lets its connections end, then RunAsync returns.
        signal.Cancel = true;
        stopping.Cancel();
    }
}
