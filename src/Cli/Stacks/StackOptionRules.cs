using System.CommandLine;
using System.CommandLine.Parsing;

namespace Orchestrator.Cli.Stacks;

/// <summary>Which deploy options go with <c>--stack</c>: a usage error (exit 2) before anything is read or sent.</summary>
internal static class StackOptionRules
{
    public static Action<CommandResult> Check(Option stack, Option only, Option config, Option deploymentId, Option canary) => result =>
    {
        var withStack = result.GetResult(stack) is not null;
        if (!withStack && result.GetResult(only) is not null)
        {
            result.AddError("--only goes with --stack: it picks apps of the stack file");
        }

        if (withStack && result.GetResult(config) is { Implicit: false })
        {
            result.AddError("--config and --stack exclude each other: the stack file names each app's config");
        }

        if (withStack && result.GetResult(deploymentId) is not null)
        {
            result.AddError("--deployment-id does not go with --stack: each app's deployment gets an id of its own");
        }

        if (withStack && result.GetResult(canary) is not null)
        {
            result.AddError("--canary does not go with --stack: deploy the app alone with `orch deploy --config APP/orch.toml --canary 10%`");
        }
    };
}
