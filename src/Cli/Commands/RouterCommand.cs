using System.CommandLine;
using Orchestrator.Cli.HandOff;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orch router restart</c>: asks the daemon to hand its router over to a new router process with no request lost.
/// <c>orch router</c> itself (the data plane in the foreground) runs <c>orch-router</c>.
/// </summary>
internal sealed class RouterCommand : Command
{
    public RouterCommand()
        : base("router", "Run the router (the apps' listeners) of a state directory in the foreground (runs orch-router; `orch router --help` for its options), or hand it over to a new one")
    {
        TreatUnmatchedTokensAsErrors = false;
        SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: `orch router` runs {OrchExecutables.Router}; run orch as a process");
            return OrchCli.Failure;
        });

        var restart = new Command("restart", "Start a new router on the same listeners, then let the old one stop accepting, drain and exit; no request is refused");
        restart.SetAction(CliAction.Run(RestartAsync));
        Subcommands.Add(restart);
    }

    private static async Task<int> RestartAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.RestartRouterAsync(cancellationToken);
        if (cli.Output.Json)
        {
            cli.Output.WriteJson(result);
        }
        else if (result.Ok)
        {
            cli.Output.Success(result.Message);
        }
        else
        {
            cli.Output.Error(result.Message);
        }

        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
