using System.CommandLine;
using Orchestrator.Cli.Daemon;
using Orchestrator.Cli.Deploy;
using Orchestrator.Cli.Stacks;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch deploy</c>: ships a release and streams its progress; exit 0 only when it is active (or, with <c>--canary</c>, live as the canary).</summary>
internal sealed class DeployCommand : Command
{
    private static readonly Option<string> ReleasePath = new("--release-path")
    {
        Description = "Directory of the release to deploy; with --stack, of the stack's release: each app's is DIR joined with its config's directory relative to the stack file",
        Required = true,
        HelpName = "PATH",
    };

    private static readonly Option<string?> Revision = new("--revision")
    {
        Description = "Revision label (default: the release's short git commit, else the UTC time)",
        HelpName = "REV",
    };

    private static readonly Option<string> Config = new("--config")
    {
        Description = "The app config",
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    private static readonly Option<string?> DeploymentId = new("--deployment-id")
    {
        Description = "Deployment id (default: <app>-<yyMMdd-HHmmss>)",
        HelpName = "ID",
    };

    private static readonly Option<string?> Stack = new("--stack")
    {
        Description = $"Deploy the apps of a stack file (default {StackConfigLoader.DefaultFileName}) in dependency order, independent ones in parallel; stops at the first failure",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string[]> Only = new("--only")
    {
        Description = "With --stack: deploy only these apps (in dependency order among themselves; the others stay as they are)",
        HelpName = "APP",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Canary = new("--canary")
    {
        Description = "Serve the release beside the active one for a share of the clients (10%) or the requests with a cookie (cookie:NAME=VALUE), until `orch promote` or `orch rollback`",
        HelpName = "RULE",
    };

    private static readonly Option<bool> EnsureDaemon = new("--ensure-daemon")
    {
        Description = "Start a daemon in the background if none answers",
    };

    public DeployCommand()
        : base("deploy", "Deploy a release with zero downtime")
    {
        Options.Add(ReleasePath);
        Options.Add(Revision);
        Options.Add(Config);
        DeploymentId.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(DeploymentId);
        Canary.Validators.Add(OptionRules.Canary);
        Options.Add(Canary);
        Options.Add(EnsureDaemon);
        Options.Add(Stack);
        Options.Add(Only);
        Validators.Add(StackOptionRules.Check(Stack, Only, Config, DeploymentId, Canary));
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetResult(Stack) is not null)
        {
            return await StackDeploy.RunAsync(
                cli,
                parseResult.GetValue(Stack) ?? StackFile.DefaultPath,
                parseResult.GetRequiredValue(ReleasePath),
                parseResult.GetValue(Only) ?? [],
                parseResult.GetValue(Revision),
                parseResult.GetValue(EnsureDaemon),
                cancellationToken);
        }

        var release = await DeployRequestFactory.CreateAsync(
            parseResult.GetRequiredValue(ReleasePath),
            parseResult.GetRequiredValue(Config),
            parseResult.GetValue(Revision),
            parseResult.GetValue(DeploymentId),
            cancellationToken);
        var request = release with { Canary = parseResult.GetValue(Canary) };
        if (parseResult.GetValue(EnsureDaemon))
        {
            await DaemonLauncher.EnsureRunningAsync(cli, cancellationToken);
        }

        using var client = cli.CreateClient();
        var final = await cli.Output.ProgressAsync("deploying", client.DeployAsync(request, cancellationToken), cancellationToken);
        return ProgressExit.Code(cli, final);
    }
}
