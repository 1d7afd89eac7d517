using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Runtime.InteropServices;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Tls;

namespace Orchestrator.CommandLine;

/// <summary><c>orch daemon</c>: runs a node in the foreground until SIGINT/SIGTERM or <c>orch shutdown</c>.</summary>
internal sealed class DaemonCommand : Command
{
    private static readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = $"Where the journal, logs and socket live (default: ${Defaults.StateDirEnvironmentVariable}, else ~/.local/state/orch)",
        HelpName = "DIR",
    };

    private static readonly Option<string?> SocketMode = new("--socket-mode")
    {
        Description = "Octal file mode of the control socket (default 600): whoever can write it runs commands as the daemon's user; e.g. 660 to let a group deploy",
        HelpName = "MODE",
    };

    private static readonly Option<bool> AcceptEmptyJournal = new("--accept-empty-journal")
    {
        Description = "Start on a missing or empty SQLite journal even though app processes started from this state dir still run (they stay unmanaged)",
    };

    private static readonly Option<string?> Journal = new("--journal")
    {
        Description = $"Journal and snapshot store: sqlite (a file in the state dir) or redis://HOST:PORT[/DB] (default: ${JournalChoice.EnvironmentVariable}, else sqlite)",
        HelpName = "JOURNAL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(JournalChoice.EnvironmentVariable),
    };

    private static readonly Option<string?> ClusterHost = new("--cluster-host")
    {
        Description = $"The address other nodes reach this node at; its apps' destinations use it too (default: ${ClusterMembership.HostEnvironmentVariable}, else 127.0.0.1)",
        HelpName = "HOST",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterMembership.HostEnvironmentVariable),
    };

    private static readonly Option<string?> ClusterPort = new("--cluster-port")
    {
        Description = $"The cluster (Akka.Remote) port; 0 picks a free one (default: ${ClusterMembership.PortEnvironmentVariable}, else 0)",
        HelpName = "PORT",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterMembership.PortEnvironmentVariable),
    };

    private static readonly Option<string[]> Seeds = new("--seed")
    {
        Description = $"A seed node HOST:PORT to join; repeat for several. None: a cluster of one (default: ${ClusterMembership.SeedsEnvironmentVariable}, comma-separated)",
        HelpName = "HOST:PORT",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterMembership.SeedsEnvironmentVariable) is { Length: > 0 } seeds ? [seeds] : [],
    };

    private static readonly Option<string?> ClusterCert = new("--cluster-cert")
    {
        Description = $"The cluster's certificate and key (PEM, mode 600), the same file on every node; make one with `orch cluster init-cert FILE`. A cluster of one without it creates {Defaults.ClusterCertificateFileName} in the state dir (default: ${ClusterCertificate.EnvironmentVariable})",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterCertificate.EnvironmentVariable),
    };

    private static readonly Option<string?> Roles = new("--roles")
    {
        Description = $"router (serves the apps' listeners), worker (runs apps and their processes), or router,worker (default: ${ClusterMembership.RolesEnvironmentVariable}, else both)",
        HelpName = "ROLES",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterMembership.RolesEnvironmentVariable),
    };

    private static readonly Option<string?> SplitBrain = new("--split-brain")
    {
        Description = $"How a partitioned cluster decides which side goes on: keep-majority (the side with most daemons; the default with seeds) or keep-oldest (the side with the oldest daemon; stays available with two daemons). Every node must use the same (default: ${ClusterMembership.SplitBrainEnvironmentVariable})",
        HelpName = "STRATEGY",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterMembership.SplitBrainEnvironmentVariable),
    };

    private static readonly Option<string?> ListenHost = new("--listen-host")
    {
        Description = "Bind every app's router listener on this IP instead of the host in its proxy.listen (the port stays); e.g. to run several nodes on one machine",
        HelpName = "IP",
    };

    private static readonly Option<string?> AkkaConfig = new("--akka-config")
    {
        Description = "A HOCON file whose settings override the node's Akka settings (e.g. akka.cluster.split-brain-resolver.stable-after) (default: $ORCH_AKKA_CONFIG)",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCH_AKKA_CONFIG"),
    };

    private static readonly Option<string?> ControlListen = new("--control-listen")
    {
        Description = $"Also serve the control API on this TCP address (IP:PORT), for a CLI on another machine (`orch --control http://HOST:PORT`); every request there must carry the token from ${Control.Client.ControlEndpoint.TokenEnvironmentVariable} or --token-file",
        HelpName = "IP:PORT",
    };

    private static readonly Option<string?> FeedListen = new("--feed-listen")
    {
        Description = $"Also serve the router feed on this TCP address (IP:PORT), for `orch router --feed HOST:PORT` on another host; each router there must present the token from ${Control.Client.ControlEndpoint.TokenEnvironmentVariable} or --token-file (default: ${Defaults.FeedListenEnvironmentVariable})",
        HelpName = "IP:PORT",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Defaults.FeedListenEnvironmentVariable),
    };

    private static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"A file (mode 600) whose first line is the bearer token of --control-listen and --feed-listen, if ${Control.Client.ControlEndpoint.TokenEnvironmentVariable} is not set",
        HelpName = "FILE",
    };

    private readonly bool _edgeRouter;

    // The options are shared by `orch daemon` and `orch router --seed`: their own checks are added once.
    static DaemonCommand()
    {
        SocketMode.Validators.Add(ValidateSocketMode);
        Journal.Validators.Add(ValidateJournal);
        ListenHost.Validators.Add(ValidateListenHost);
    }

    public DaemonCommand()
        : this("daemon", "Run the orch daemon (actor system, router, control API) in the foreground", edgeRouter: false)
    {
    }

    private DaemonCommand(string name, string description, bool edgeRouter)
        : base(name, description)
    {
        _edgeRouter = edgeRouter;
        Options.Add(StateDir);
        Options.Add(SocketMode);
        if (!edgeRouter)
        {
            Options.Add(Journal);
            Options.Add(AcceptEmptyJournal);
        }

        Options.Add(ClusterHost);
        Options.Add(ClusterPort);
        Options.Add(Seeds);
        Options.Add(ClusterCert);
        if (!edgeRouter)
        {
            Options.Add(Roles);
        }

        Options.Add(SplitBrain);
        Options.Add(ListenHost);
        Options.Add(AkkaConfig);
        Options.Add(ControlListen);
        if (!edgeRouter)
        {
            Options.Add(FeedListen);
        }

        Options.Add(TokenFile);
        Validators.Add(ValidateCluster);
        Validators.Add(ValidateTokenFile);
        Validators.Add(ValidateRemoteControl);
        if (edgeRouter)
        {
            Validators.Add(ValidateEdgeSeeds);
        }
        else
        {
            Validators.Add(ValidateRemoteFeed);
        }

        SetAction(NodeAction.Run(ExecuteAsync));
    }

    /// <summary>
    /// <c>orch router --seed HOST:PORT</c>: an edge router, a cluster member with the router role and nothing else. It
    /// hosts no app, keeps no journal of its own, and does not count among the daemons the split brain resolver weighs.
    /// </summary>
    public static DaemonCommand EdgeRouter() => new(
        "router",
        "Join a cluster as an edge router: serve every app's listeners from this node's replica of the route tables, and nothing else",
        edgeRouter: true);

    private async Task<int> ExecuteAsync(NodeConsole console, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stateDirectory = parseResult.GetValue(StateDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Defaults.StateDirectory();
        var cluster = ParseCluster(parseResult.GetValue, parseResult.GetValue(Seeds), out _);
        var options = new NodeOptions
        {
            StateDirectory = stateDirectory,
            ControlSocketPath = ControlSocketPath(parseResult, stateDirectory),
            ControlSocketMode = parseResult.GetValue(SocketMode),
            Journal = _edgeRouter ? JournalChoice.Embedded : JournalChoice.Parse(parseResult.GetValue(Journal)),
            AcceptEmptyJournal = !_edgeRouter && parseResult.GetValue(AcceptEmptyJournal),
            Cluster = _edgeRouter ? cluster.AsEdgeRouter() : cluster,
            ClusterCertificatePath = parseResult.GetValue(ClusterCert) is { Length: > 0 } certificate ? Path.GetFullPath(certificate) : null,
            ListenHost = parseResult.GetValue(ListenHost) is { Length: > 0 } listenHost ? IPAddress.Parse(listenHost) : null,
            AkkaConfigPath = parseResult.GetValue(AkkaConfig) is { Length: > 0 } akkaConfig ? Path.GetFullPath(akkaConfig) : null,
            RemoteControl = ParseRemoteControl(parseResult.GetValue(ControlListen), parseResult.GetValue(TokenFile)),
            RemoteFeed = _edgeRouter ? null : ParseRemoteFeed(parseResult.GetValue(FeedListen), parseResult.GetValue(TokenFile)),
            RailwayToken = RailwayTokenGiven(),
            RailwayApiUrl = Environment.GetEnvironmentVariable(RailwayApiUrlVariable) is { Length: > 0 } apiUrl ? apiUrl : null,
        };

        // Read once: the apps and the router this daemon starts inherit its environment and must not hold its tokens.
        Environment.SetEnvironmentVariable(Control.Client.ControlEndpoint.TokenEnvironmentVariable, null);
        Environment.SetEnvironmentVariable(Railway.Auth.RailwayToken.ProjectTokenVariable, null);
        Environment.SetEnvironmentVariable(Railway.Auth.RailwayToken.AccountTokenVariable, null);

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        return await OrchestratorNode.RunAsync(options, stopping.Token);
    }

    private const string RailwayApiUrlVariable = "RAILWAY_API_URL";

    private static Railway.Auth.RailwayToken? RailwayTokenGiven()
    {
        try
        {
            return Railway.Auth.RailwayToken.FromEnvironment();
        }
        catch (Railway.Auth.RailwayTokenMissingException)
        {
            return null;
        }
    }

    /// <summary>An explicit --state-dir brings its own socket unless --control or $ORCH_CONTROL says otherwise.</summary>
    private static string ControlSocketPath(ParseResult parseResult, string stateDirectory) =>
        parseResult.GetValue(NodeGlobalOptions.Control) is null
        && parseResult.GetValue(StateDir) is { Length: > 0 }
        && Environment.GetEnvironmentVariable(Defaults.ControlEnvironmentVariable) is null or ""
            ? Path.Combine(stateDirectory, Defaults.ControlSocketFileName)
            : NodeGlobalOptions.ResolveSocketPath(parseResult.GetValue(NodeGlobalOptions.Control));

    private static void ValidateSocketMode(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } mode && !Orchestrator.Control.SocketMode.TryParse(mode, out _))
        {
            result.AddError($"--socket-mode {mode} is not an octal file mode; use e.g. 660 (owner and group) or 600 (owner only)");
        }
    }

    private static void ValidateJournal(OptionResult result)
    {
        try
        {
            JournalChoice.Parse(result.GetValueOrDefault<string?>());
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
        }
    }

    private static ClusterMembership ParseCluster(Func<Option<string?>, string?> value, string[]? seeds, out ImmutableArray<string> problems) =>
        ClusterMembership.Parse(value(ClusterHost), value(ClusterPort), string.Join(',', seeds ?? []), value(Roles), value(SplitBrain), out problems);

    private static void ValidateEdgeSeeds(CommandResult result)
    {
        if (result.GetValue(Seeds) is not { Length: > 0 })
        {
            result.AddError("an edge router joins a cluster: give a node of it with --seed HOST:PORT; " +
                "to serve one state directory's apps from its daemon's feed, run `orch router` without --seed");
        }
    }

    private static void ValidateCluster(CommandResult result)
    {
        ParseCluster(result.GetValue, result.GetValue(Seeds), out var problems);
        foreach (var problem in problems)
        {
            result.AddError(problem);
        }
    }

    private static Control.RemoteControl? ParseRemoteControl(string? listen, string? tokenFile) =>
        listen is { Length: > 0 }
            ? Control.RemoteControl.Create(
                IPEndPoint.Parse(listen),
                tokenFile is { Length: > 0 } ? Path.GetFullPath(tokenFile) : null,
                Environment.GetEnvironmentVariable(Control.Client.ControlEndpoint.TokenEnvironmentVariable))
            : null;

    private static RouterProcess.RemoteFeed? ParseRemoteFeed(string? listen, string? tokenFile) =>
        listen is { Length: > 0 }
            ? RouterProcess.RemoteFeed.Create(
                IPEndPoint.Parse(listen),
                tokenFile is { Length: > 0 } ? Path.GetFullPath(tokenFile) : null,
                Environment.GetEnvironmentVariable(Control.Client.ControlEndpoint.TokenEnvironmentVariable))
            : null;

    private static void ValidateTokenFile(CommandResult result)
    {
        if (result.GetValue(TokenFile) is { Length: > 0 } && result.GetValue(ControlListen) is not { Length: > 0 } && result.GetValue(FeedListen) is not { Length: > 0 })
        {
            result.AddError("--token-file is the token of --control-listen and --feed-listen; add one of them or drop --token-file");
        }
    }

    private static void ValidateRemoteControl(CommandResult result) =>
        ValidateListenAddress(result, ControlListen, listen => ParseRemoteControl(listen, result.GetValue(TokenFile)));

    private static void ValidateRemoteFeed(CommandResult result) =>
        ValidateListenAddress(result, FeedListen, listen => ParseRemoteFeed(listen, result.GetValue(TokenFile)));

    /// <summary>An IP:PORT with a port, and a token to guard it; every problem named with the option.</summary>
    private static void ValidateListenAddress(CommandResult result, Option<string?> option, Action<string> parse)
    {
        var listen = result.GetValue(option);
        if (listen is not { Length: > 0 })
        {
            return;
        }

        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0 || !listen.Contains(':', StringComparison.Ordinal))
        {
            result.AddError($"{option.Name} {listen} is not an IP:PORT address; use e.g. {option.Name} 0.0.0.0:7070");
            return;
        }

        try
        {
            parse(listen);
        }
        catch (ArgumentException ex)
        {
            result.AddError(ex.Message);
        }
    }

    private static void ValidateListenHost(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { Length: > 0 } host && !IPAddress.TryParse(host, out _))
        {
            result.AddError($"--listen-host {host} is not an IP address; use e.g. --listen-host 127.0.0.2");
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        // Keep the process alive: the node drains and stops its processes, then RunAsync returns.
        signal.Cancel = true;
        stopping.Cancel();
    }
}
