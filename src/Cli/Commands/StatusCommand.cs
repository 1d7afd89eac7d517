using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch status</c>: deployments and processes of every app, or of one.</summary>
internal sealed class StatusCommand : Command
{
    private static readonly Option<string?> App = new("--app") { Description = "Only this app", HelpName = "NAME" };

    private static readonly Option<bool> Wide = new("--wide")
    {
        Description = "Every column, however wide the terminal (by default the tables fit it and drop their less important columns first)",
    };

    public StatusCommand()
        : base("status", "Show deployments and processes")
    {
        Options.Add(App);
        Options.Add(Wide);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.Status(await client.StatusAsync(parseResult.GetValue(App), cancellationToken), parseResult.GetValue(Wide));
        return OrchCli.Success;
    }
}
