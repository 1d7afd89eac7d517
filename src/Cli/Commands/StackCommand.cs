using System.CommandLine;
using Orchestrator.Cli.Stacks;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch stack …</c>: the runs of a stack file (<c>orch deploy --stack</c> starts them).</summary>
internal sealed class StackCommand : Command
{
    public StackCommand()
        : base("stack", "Stacks: several apps deployed in dependency order (`orch deploy --stack` starts a run)")
    {
        Subcommands.Add(new StackStatusCommand());
    }
}

/// <summary><c>orch stack status NAME [--follow]</c>: the latest run; following, exit 0 only when it succeeded.</summary>
internal sealed class StackStatusCommand : Command
{
    private static readonly Argument<string> StackName = new("stack")
    {
        Description = "The stack's name (its stack = ... key)",
    };

    private static readonly Option<bool> Follow = new("--follow", "-f")
    {
        Description = "Wait for the run to end, printing each app's changes (across a daemon restart); exit 0 only when it succeeded",
    };

    public StackStatusCommand()
        : base("status", "Show a stack's latest run: each app's state, deployment and failure")
    {
        Arguments.Add(StackName);
        Options.Add(Follow);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stack = parseResult.GetRequiredValue(StackName);
        if (parseResult.GetValue(Follow))
        {
            var run = await StackFollower.FollowAsync(cli, stack, null, cancellationToken);
            cli.Output.StackResult(stack, run);
            return run.Outcome == StackRunOutcomes.Succeeded ? OrchCli.Success : OrchCli.Failure;
        }

        using var client = cli.CreateClient();
        cli.Output.StackStatus(await client.StackStatusAsync(stack, cancellationToken));
        return OrchCli.Success;
    }
}
