using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Orchestrator.Config;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Tls;
using Orchestrator.RouterProcess;

namespace Orchestrator.CommandLine;

/// <summary>
/// <c>orch router</c>: the data plane of a state directory in the foreground (the daemon starts one itself; systemd may
/// too). <c>orch router restart</c> is the client's: it asks the daemon for a hand-over.
/// </summary>
internal sealed class RouterCommand : Command
{
    private static readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = $"The state directory it serves: its saved tables, lock and log live there (default: ${Defaults.StateDirEnvironmentVariable}, else ~/.local/state/orch)",
        HelpName = "DIR",
    };

    private static readonly Option<string[]> Seeds = new("--seed")
    {
        Description = "A cluster node HOST:PORT to join; repeat for several. None: the daemon of its state directory while it runs, else itself",
        HelpName = "HOST:PORT",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> ClusterHost = new("--cluster-host")
    {
        Description = "The address other nodes reach this router at (default: 127.0.0.1)",
        HelpName = "HOST",
    };

    private static readonly Option<string?> ClusterPort = new("--cluster-port")
    {
        Description = "Its cluster (Akka.Remote) port; 0 or none: the one of its last run when free, else a free one",
        HelpName = "PORT",
    };

    private static readonly Option<string?> ClusterCert = new("--cluster-cert")
    {
        Description = $"The cluster's certificate and key, the same file as the nodes' (default: ${ClusterCertificate.EnvironmentVariable}, else {Defaults.ClusterCertificateFileName} in the state dir)",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterCertificate.EnvironmentVariable),
    };

    private static readonly Option<string?> ListenHost = new("--listen-host")
    {
        Description = "Bind every app's listener on this IP instead of the host in its proxy.listen (the port stays)",
        HelpName = "IP",
    };

    private static readonly Option<string?> AkkaConfig = new("--akka-config")
    {
        Description = "A HOCON file whose settings override the router's Akka settings",
        HelpName = "FILE",
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
        Options.Add(Seeds);
        Options.Add(ClusterHost);
        Options.Add(ClusterPort);
        Options.Add(ClusterCert);
        ListenHost.Validators.Add(ValidateListenHost);
        Options.Add(ListenHost);
        Options.Add(AkkaConfig);
        DrainTimeout.Validators.Add(ValidateDrainTimeout);
        Options.Add(DrainTimeout);
        Options.Add(TakeOver);
        Validators.Add(ValidateCluster);
        SetAction(RunAsync);
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stateDirectory = parseResult.GetValue(StateDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Defaults.StateDirectory();
        var options = new RouterOptions
        {
            StateDirectory = stateDirectory,
            Cluster = Cluster(parseResult.GetValue, parseResult.GetValue(Seeds), out _),
            ListenHost = parseResult.GetValue(ListenHost) is { Length: > 0 } listenHost ? IPAddress.Parse(listenHost) : null,
            ClusterCertificatePath = parseResult.GetValue(ClusterCert) is { Length: > 0 } certificate ? Path.GetFullPath(certificate) : null,
            AkkaConfigPath = parseResult.GetValue(AkkaConfig) is { Length: > 0 } akkaConfig ? Path.GetFullPath(akkaConfig) : null,
            TakeOverFrom = parseResult.GetValue(TakeOver),
            DrainTimeout = Duration.TryParse(parseResult.GetValue(DrainTimeout), out var drain) ? drain : Router.RouterDefaults.HandOverDrainTimeout,
            Json = parseResult.GetValue(NodeGlobalOptions.Json),
        };

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        return await RouterNode.RunAsync(options, stopping.Token);
    }

    private static ClusterMembership Cluster(Func<Option<string?>, string?> value, string[]? seeds, out System.Collections.Immutable.ImmutableArray<string> problems) =>
        ClusterMembership.Parse(value(ClusterHost), value(ClusterPort), string.Join(',', seeds ?? []), roles: null, out problems);

    private static void ValidateCluster(CommandResult result)
    {
        Cluster(result.GetValue, result.GetValue(Seeds), out var problems);
        foreach (var problem in problems)
        {
            result.AddError(problem);
        }
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
