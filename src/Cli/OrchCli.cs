using System.CommandLine;
using System.CommandLine.Invocation;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Commands.Cluster;
using Orchestrator.Cli.HandOff;

namespace Orchestrator.Cli;

/// <summary>The <c>orch</c> command tree and its exit-code contract: 0 success, 1 failure, 2 usage error.</summary>
internal static class OrchCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private static readonly Lazy<RootCommand> LazyRoot = new(CreateRoot);

    public static RootCommand Root => LazyRoot.Value;

    /// <summary>Parses and runs; output goes to the configuration's writers, so tests can capture it.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        var parseResult = Root.Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);
        return parseResult.Action is ParseErrorAction ? UsageError : exitCode;
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("orch: zero-downtime deploys. A client of the orch daemon's control API.");
        GlobalOptions.Control.Validators.Add(GlobalOptions.ValidateControl);
        root.Options.Add(GlobalOptions.Control);
        root.Options.Add(GlobalOptions.Json);
        root.Subcommands.Add(new HandedOverCommand("daemon", "Run the orch daemon (actor system, router, control API) in the foreground", OrchExecutables.Daemon));
        root.Subcommands.Add(new DeployCommand());
        root.Subcommands.Add(new StackCommand());
        root.Subcommands.Add(new StatusCommand());
        root.Subcommands.Add(new LogsCommand());
        root.Subcommands.Add(new EventsCommand());
        root.Subcommands.Add(new RollbackCommand());
        root.Subcommands.Add(new PromoteCommand());
        root.Subcommands.Add(new StopCommand());
        root.Subcommands.Add(new ShutdownCommand());
        root.Subcommands.Add(new ValidateCommand());
        root.Subcommands.Add(new HandedOverCommand("doctor", "Check the daemon, the state directory, the proxy port and the journal", OrchExecutables.Daemon));
        root.Subcommands.Add(new ClusterCommand());
        root.Subcommands.Add(new DeploymentsCommand());
        root.Subcommands.Add(new ConsoleCommand());
        root.Subcommands.Add(new RouterCommand());
        root.Subcommands.Add(new RailwayCommand());
        root.Subcommands.Add(new ClusterShardingCommand());
        root.Subcommands.Add(new ActorCommand());
        root.Subcommands.Add(new LogCommand());
        root.Subcommands.Add(new CompletionCommand());
        return root;
    }
}
