using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Orchestrator.Config;
using Orchestrator.Router.Feed;

namespace Orchestrator.RouterHost;

/// <summary>
/// <c>orch router</c>: the data plane of a state directory in the foreground (the daemon starts one itself; systemd may
/// too). It reads its tables from the daemon of that state directory, or with <c>--feed</c> from a daemon's TCP feed on
/// another host. <c>orch router restart</c> is the client's: it asks the daemon for a hand-over.
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

    private static readonly Option<int?> ListenPort = new("--listen-port")
    {
        Description = "Bind every app's listener on this port instead of the port in its proxy.listen (the host stays, or --listen-host); apps on one port are told apart by their hosts. For a platform that picks the port, e.g. --listen-port \"$PORT\" on Railway",
        HelpName = "PORT",
    };

    private static readonly Option<string?> DrainTimeout = new("--drain-timeout")
    {
        Description = "On SIGTERM (or a hand-over), how long connections to a deployment that is not draining may run before they are cut (default 60m)",
        HelpName = "DURATION",
    };

    private static readonly Option<string?> Feed = new("--feed")
    {
        Description = $"Read the route tables from a daemon's TCP feed (its --feed-listen) at HOST:PORT instead of the state directory's socket, presenting the token from ${BearerToken.EnvironmentVariable} or --token-file (default: ${Defaults.FeedEnvironmentVariable})",
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Defaults.FeedEnvironmentVariable),
    };

    private static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"A file (mode 600) whose first line is the daemon's bearer token for --feed, if ${BearerToken.EnvironmentVariable} is not set",
        HelpName = "FILE",
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
        ListenPort.Validators.Add(ValidateListenPort);
        Options.Add(ListenPort);
        DrainTimeout.Validators.Add(ValidateDrainTimeout);
        Options.Add(DrainTimeout);
        Options.Add(Feed);
        Options.Add(TokenFile);
        Options.Add(TakeOver);
        Validators.Add(ValidateFeed);
        SetAction(RunAsync);
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stateDirectory = parseResult.GetValue(StateDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Defaults.StateDirectory();
        var options = new RouterOptions
        {
            StateDirectory = stateDirectory,
            ListenHost = parseResult.GetValue(ListenHost) is { Length: > 0 } listenHost ? IPAddress.Parse(listenHost) : null,
            ListenPort = parseResult.GetValue(ListenPort),
            TakeOverFrom = parseResult.GetValue(TakeOver),
            RemoteFeed = ParseFeed(parseResult.GetValue(Feed), parseResult.GetValue(TokenFile)),
            DrainTimeout = Duration.TryParse(parseResult.GetValue(DrainTimeout), out var drain) ? drain : Orchestrator.Router.RouterDefaults.HandOverDrainTimeout,
            Json = parseResult.GetValue(RouterCommandLine.Json),
        };

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        return await RouterNode.RunAsync(options, stopping.Token);
    }

    private static TcpFeedSource? ParseFeed(string? feed, string? tokenFile) =>
        feed is { Length: > 0 } && TcpFeedSource.TryParse(feed, out var host, out var port)
            ? new TcpFeedSource(host, port, BearerToken.Read(
                "--feed", tokenFile is { Length: > 0 } ? Path.GetFullPath(tokenFile) : null, Environment.GetEnvironmentVariable(BearerToken.EnvironmentVariable)).Value)
            : null;

    private static void ValidateFeed(CommandResult result)
    {
        var feed = result.GetValue(Feed);
        if (feed is not { Length: > 0 })
        {
            if (result.GetValue(TokenFile) is { Length: > 0 })
            {
                result.AddError("--token-file is the token of --feed; add --feed HOST:PORT or drop --token-file");
            }

            return;
        }

        if (!TcpFeedSource.TryParse(feed, out _, out _))
        {
            result.AddError($"--feed {feed} is not a HOST:PORT address; use e.g. --feed shop-control.railway.internal:7070 or --feed 10.0.0.5:7070");
            return;
        }

        try
        {
            ParseFeed(feed, result.GetValue(TokenFile));
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
        }
    }

    private static void ValidateListenHost(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { Length: > 0 } host && !IPAddress.TryParse(host, out _))
        {
            result.AddError($"--listen-host {host} is not an IP address; use e.g. --listen-host 127.0.0.2");
        }
    }

    private static void ValidateListenPort(OptionResult result)
    {
        if (result.GetValueOrDefault<int?>() is { } port && port is < 1 or > 65535)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"--listen-port {port} is not a port; use a number from 1 to 65535"));
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
