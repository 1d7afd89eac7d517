using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary><c>orch railway logs</c>: the last lines Railway kept of a deployment (default: the active one), read by the control service.</summary>
internal sealed class RailwayLogsCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();

    private const int DefaultLines = 100;

    private static readonly Option<string?> DeploymentId = new("--deployment-id")
    {
        Description = "The deployment (default: the active one)",
        HelpName = "ID",
    };

    private static readonly Option<int> Lines = new("--lines", "-n")
    {
        Description = "How many recent lines",
        DefaultValueFactory = _ => DefaultLines,
        HelpName = "N",
    };

    public RailwayLogsCommand()
        : base("logs", "Show a Railway deployment's output")
    {
        Options.Add(Config);
        DeploymentId.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(DeploymentId);
        Lines.Validators.Add(OptionRules.LogLines);
        Options.Add(Lines);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await RailwayOptions.ReadConfigAsync(parseResult, Config, cancellationToken);
        using var client = cli.CreateClient();
        var request = new LogsRequest(config.App.App, null, parseResult.GetValue(DeploymentId), parseResult.GetValue(Lines), Follow: false);
        var all = new List<LogLine>();
        await foreach (var line in client.LogsAsync(request, cancellationToken))
        {
            all.Add(line);
        }

        if (cli.Json)
        {
            cli.Output.WriteJson(all);
        }
        else
        {
            all.ForEach(cli.Output.Log);
        }

        return OrchCli.Success;
    }
}
