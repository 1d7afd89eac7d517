using System.CommandLine;
using System.CommandLine.Invocation;

namespace Orchestrator.CommandLine;

/// <summary>
/// The command line of <c>orch-daemon</c>. <c>orch</c> execs it with its own arguments, so its root is named
/// <c>orch</c> and takes the same global options; the exit codes are <c>orch</c>'s.
/// </summary>
public static class NodeCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary><c>orch daemon</c>, <c>orch doctor</c> and <c>orch cluster init-cert</c>.</summary>
    public static Task<int> RunDaemonAsync(string[] args, InvocationConfiguration? configuration = null) =>
        InvokeAsync(DaemonRoot(), args, configuration);

    /// <summary>Parses without running: the errors a command line of <c>orch daemon</c> or <c>orch router --seed</c> has.</summary>
    public static IReadOnlyList<string> ParseErrors(string[] args) => [.. DaemonRoot().Parse(args).Errors.Select(e => e.Message)];

    private static RootCommand DaemonRoot()
    {
        var root = Root("orch-daemon: the orch node (actor system, control API); `orch daemon`, `orch router --seed`, `orch doctor` and `orch cluster init-cert` run it");
        root.Subcommands.Add(new DaemonCommand());
        root.Subcommands.Add(DaemonCommand.EdgeRouter());
        root.Subcommands.Add(new DoctorCommand());
        var cluster = new Command("cluster", "The cluster's certificate");
        cluster.Subcommands.Add(new InitCertCommand());
        root.Subcommands.Add(cluster);
        return root;
    }

    private static RootCommand Root(string description)
    {
        var root = new RootCommand(description);
        root.Options.Add(NodeGlobalOptions.Control);
        root.Options.Add(NodeGlobalOptions.Json);
        return root;
    }

    private static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration? configuration)
    {
        // Signals are handled per command (the daemon drains on SIGTERM).
        var parseResult = root.Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration ?? new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
        return parseResult.Action is ParseErrorAction ? UsageError : exitCode;
    }
}
