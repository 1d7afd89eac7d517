using System.CommandLine;
using Orchestrator.Cli;

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
        var exitCode = await Eventually.Within(OrchCli.InvokeAsync(args, configuration, CancellationToken.None));
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
