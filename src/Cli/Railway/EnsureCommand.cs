using System.CommandLine;

namespace Orchestrator.Cli.Railway;

/// <summary><c>orch railway ensure</c>: brings the baseline in line with <c>orch.toml</c>, creating what is missing.</summary>
internal sealed class EnsureCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();
    private static readonly Option<string?> RedisUrl = RailwayOptions.RedisUrl();
    private static readonly Option<string?> TokenFile = RailwayOptions.TokenFile();

    public EnsureCommand()
        : base("ensure", "Reconcile the baseline's images, start commands, variables, replicas and domains with orch.toml; create missing services; redeploy only what changed")
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
            var outcome = await BaselineEnsure.RunAsync(session, parseResult.GetValue(RedisUrl), cancellationToken);
            cli.Output.Baseline(outcome);
            return outcome.ExitCode;
        });
}
