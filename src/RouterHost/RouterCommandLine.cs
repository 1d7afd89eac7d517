using System.CommandLine;
using System.CommandLine.Invocation;

namespace Orchestrator.RouterHost;

/// <summary>
/// The command line of <c>orch-router</c>. <c>orch</c> execs it with its own arguments, so its root is named <c>orch</c>
/// and takes the same global options; the exit codes are <c>orch</c>'s.
/// </summary>
internal static class RouterCommandLine
{
    public const int UsageError = 2;

    /// <summary>Accepted because <c>orch</c> passes its global options on; the router has no use for the control socket.</summary>
    public static readonly Option<string?> Control = new("--control") { Recursive = true, Hidden = true };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the ready line as one JSON document instead of text",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var root = new RootCommand("orch-router: the data plane of a state directory; `orch router` runs it");
        root.Options.Add(Control);
        root.Options.Add(Json);
        root.Subcommands.Add(new RouterCommand());
        // Signals are handled by the command: the router drains on SIGTERM.
        var parseResult = root.Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration ?? new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
        return parseResult.Action is ParseErrorAction ? UsageError : exitCode;
    }
}
