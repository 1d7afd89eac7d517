using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch logs</c>: the last lines of process output, optionally followed.</summary>
internal sealed class LogsCommand : Command
{
    private const int DefaultLines = 100;

    private static readonly Option<string?> App = new("--app") { Description = "Only this app", HelpName = "NAME" };
    private static readonly Option<string?> Process = new("--process") { Description = "Only this process id", HelpName = "ID" };
    private static readonly Option<string?> Deployment = new("--deployment") { Description = "Only this deployment", HelpName = "ID" };

    private static readonly Option<int> Lines = new("--lines", "-n")
    {
        Description = "How many recent lines",
        DefaultValueFactory = _ => DefaultLines,
        HelpName = "N",
    };

    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };

    public LogsCommand()
        : base("logs", "Show process output")
    {
        Options.Add(App);
        Process.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(Process);
        Deployment.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(Deployment);
        Lines.Validators.Add(OptionRules.LogLines);
        Options.Add(Lines);
        Options.Add(Follow);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var follow = parseResult.GetValue(Follow);
        var request = new LogsRequest(
            parseResult.GetValue(App), parseResult.GetValue(Process), parseResult.GetValue(Deployment), parseResult.GetValue(Lines), follow);
        using var client = cli.CreateClient();
        var lines = client.LogsAsync(request, cancellationToken);
        if (cli.Json && !follow)
        {
            // Not following: the whole answer is one JSON array, like every other --json command.
            var all = new List<LogLine>();
            await foreach (var line in lines)
            {
                all.Add(line);
            }

            cli.Output.WriteJson(all);
            return OrchCli.Success;
        }

        await foreach (var line in lines)
        {
            cli.Output.Log(line);
        }

        return OrchCli.Success;
    }
}
