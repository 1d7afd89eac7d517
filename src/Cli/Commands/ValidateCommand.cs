using System.CommandLine;
using Orchestrator.Cli.Output;
using Orchestrator.Config;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch validate</c>: every problem of an <c>orch.toml</c> at once, without a daemon.</summary>
internal sealed class ValidateCommand : Command
{
    private static readonly Option<string> Config = new("--config")
    {
        Description = "The app config",
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    public ValidateCommand()
        : base("validate", "Check an orch.toml and report every problem")
    {
        Options.Add(Config);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parseResult.GetRequiredValue(Config));
        var result = AppConfigLoader.Load(await ConfigFile.ReadAsync(path, cancellationToken), path);
        cli.Output.Validation(new ValidateReport(result.IsValid, path, result.Config?.App, result.Config?.Processes.Length ?? 0, result.Problems));
        return result.IsValid ? OrchCli.Success : OrchCli.Failure;
    }
}
