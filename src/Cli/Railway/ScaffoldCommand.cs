using System.CommandLine;

namespace Orchestrator.Cli.Railway;

/// <summary><c>orch railway scaffold</c>: creates the app's baseline in an environment that has none of it.</summary>
internal sealed class ScaffoldCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();
    private static readonly Option<string?> RedisUrl = RailwayOptions.RedisUrl();
    private static readonly Option<string?> TokenFile = RailwayOptions.TokenFile();

    public ScaffoldCommand()
        : base("scaffold", "Create the baseline (<prefix>-env, -control, -router, -redis and one service per service process) in an environment that has none of it")
    {
        Options.Add(Config);
        Options.Add(RedisUrl);
        Options.Add(TokenFile);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken) =>
        RailwayFailures.Explained(async () =>
        {
            using var session = await RailwaySession.OpenAsync(parseResult.GetRequiredValue(Config), parseResult.GetValue(TokenFile), cancellationToken);
            var outcome = await BaselineScaffold.RunAsync(session, parseResult.GetValue(RedisUrl), cancellationToken);
            cli.Output.Baseline(outcome);
            return outcome.ExitCode;
        });
}
