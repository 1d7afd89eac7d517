using System.CommandLine;
using Orchestrator.Cli;
using Orchestrator.Cli.HandOff;
using Orchestrator.CommandLine;
using Orchestrator.RouterHost;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>What one in-process <c>orch</c> invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs the real command tree with stdout and stderr captured (redirected: no colours, no live display).</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        // As Program does: the node's verbs run by orch-daemon's and orch-router's command lines, here in-process.
        var run = HandedOverVerbs.ExecutableFor(args) switch
        {
            OrchExecutables.Daemon => NodeCommandLine.RunDaemonAsync(args, configuration),
            OrchExecutables.Router => RouterCommandLine.RunAsync(args, configuration),
            _ => OrchCli.InvokeAsync(args, configuration, CancellationToken.None),
        };
        var exitCode = await Eventually.Within(run);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
