using System.CommandLine;

namespace Orchestrator.Cli.HandOff;

/// <summary>
/// A verb that <c>orch-daemon</c> or <c>orch-router</c> runs (see <see cref="HandedOverVerbs"/>): listed in
/// <c>orch --help</c>, while its options, its help and its action are the other executable's.
/// </summary>
internal sealed class HandedOverCommand : Command
{
    public HandedOverCommand(string name, string description, string executable)
        : base(name, $"{description} (run by {executable})")
    {
        TreatUnmatchedTokensAsErrors = false;

        // Program execs before parsing; only an in-process invocation gets here.
        SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: `orch {name}` runs {executable}; run orch as a process");
            return OrchCli.Failure;
        });
    }
}
