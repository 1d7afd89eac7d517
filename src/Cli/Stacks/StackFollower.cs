using Orchestrator.Control.Client;
using Orchestrator.Control.Client.Http;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Stacks;

/// <summary>
/// Follows a stack run until it ends, printing each app's changes. A daemon that goes away (a restart) is waited for:
/// the run resumes where it was once the daemon is back, and so does the following.
/// </summary>
internal static class StackFollower
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a daemon may be unreachable before the CLI gives up following (the run itself goes on).</summary>
    private static readonly TimeSpan ReattachWithin = TimeSpan.FromMinutes(2);

    /// <param name="runId">The run to follow; null: whatever run is the latest.</param>
    public static async Task<StackRunStatus> FollowAsync(CliContext cli, string stack, string? runId, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        StackRunStatus? last = null;
        DateTimeOffset? lostSince = null;
        while (true)
        {
            StackStatusResponse status;
            try
            {
                status = await client.StackStatusAsync(stack, cancellationToken);
                lostSince = null;
            }
            catch (Exception ex) when (ex is ControlConnectionException or DaemonNotRunningException && !cancellationToken.IsCancellationRequested)
            {
                if (lostSince is null)
                {
                    cli.Output.Note($"lost the daemon ({ex.Message}); waiting for it to come back: the run resumes where it was");
                }

                lostSince ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - lostSince > ReattachWithin)
                {
                    throw new CliFailureException(
                        $"the daemon has not answered for {ReattachWithin.TotalMinutes:0} minutes while following stack '{stack}'",
                        $"the run resumes when the daemon is back; follow it with `orch stack status {stack} --follow`");
                }

                await Task.Delay(Poll, cancellationToken);
                continue;
            }

            if (status.Run is not { } run || (runId is not null && run.RunId != runId))
            {
                throw new CliFailureException(
                    runId is null ? $"stack '{stack}' has never run" : $"run {runId} of stack '{stack}' is no longer its latest run",
                    $"start one with `orch deploy --stack FILE --release-path DIR`, see it with `orch stack status {stack}`");
            }

            cli.Output.StackChanges(last, run);
            last = run;
            if (run.IsFinished)
            {
                return run;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
