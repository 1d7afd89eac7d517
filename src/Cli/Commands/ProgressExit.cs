using Orchestrator.Cli.Daemon;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary>Deploy and rollback exit 0 only on a final "succeeded".</summary>
internal static class ProgressExit
{
    public static int Code(CliContext cli, DeployProgress? final)
    {
        if (final is null)
        {
            cli.Output.Error(
                "the daemon ended the progress stream without a result",
                $"check `orch status` and {DaemonLogHint.Where()}");
            return OrchCli.Failure;
        }

        return final.Kind == ProgressKinds.Succeeded ? OrchCli.Success : OrchCli.Failure;
    }
}
