using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch shutdown</c>: stops every process, then the daemon.</summary>
internal sealed class ShutdownCommand : Command
{
    public ShutdownCommand()
        : base("shutdown", "Stop every process, then the daemon")
    {
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.ShutdownAsync(cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }
}
