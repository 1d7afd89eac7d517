using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch stop</c>: stops an app's deployments and services; the router answers 503 afterwards.</summary>
internal sealed class StopCommand : Command
{
    private static readonly Option<string?> App = new("--app") { Description = "The app (needed when the daemon runs several)", HelpName = "NAME" };

    public StopCommand()
        : base("stop", "Stop an app's processes")
    {
        Options.Add(App);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.StopAsync(new StopRequest(parseResult.GetValue(App)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
