using Orchestrator.Cli.Daemon;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Stacks;

/// <summary><c>orch deploy --stack</c>: validate the stack, start its run, follow it to its end; exit 0 only when every app went active.</summary>
internal static class StackDeploy
{
    public static async Task<int> RunAsync(
        CliContext cli, string stackPath, string releasePath, IReadOnlyList<string> only, string? revision, bool ensureDaemon,
        CancellationToken cancellationToken)
    {
        var loaded = StackFile.Load(stackPath);
        if (loaded.Config is not { } stack)
        {
            cli.Output.StackValidation(new(false, Path.GetFullPath(stackPath), null, [], loaded.Problems));
            return OrchCli.Failure;
        }

        var request = await StackRequestFactory.CreateAsync(stack, releasePath, only, revision, cancellationToken);
        if (ensureDaemon)
        {
            await DaemonLauncher.EnsureRunningAsync(cli, cancellationToken);
        }

        StackRunResponse started;
        using (var client = cli.CreateClient())
        {
            started = await client.DeployStackAsync(request, cancellationToken);
        }

        cli.Output.StackStarted(started);
        var run = await StackFollower.FollowAsync(cli, started.Stack, started.RunId, cancellationToken);
        cli.Output.StackResult(started.Stack, run);
        return run.Outcome == StackRunOutcomes.Succeeded ? OrchCli.Success : OrchCli.Failure;
    }
}
