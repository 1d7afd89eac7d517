using Akka.Actor;
using Akka.Event;
using Orchestrator.Config;

namespace Orchestrator.Actors.App;

/// <summary>What keeps an app healthy over time: ids that are safe as names, bounded restarts, and retention of log directories.</summary>
internal sealed partial class AppActor
{
    /// <summary>A deployment that fails again and again stops and stays stopped, rather than restarting in a loop.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(Defaults.AppMaxRestarts, Defaults.AppRestartWindow, Akka.Actor.SupervisorStrategy.DefaultStrategy.Decider);

    /// <summary>Why <paramref name="id"/> cannot name a deployment (an actor and a log directory), or null.</summary>
    private static string? DeploymentIdProblem(string id) =>
        id == ServicesScope
            ? $"deployment id '{id}' is reserved: the app's services log there"
            : SafeId.Problem("deployment id", id);

    /// <summary>A journal written by an older version may hold an id no actor can be named after: skip it, once, loudly.</summary>
    private bool CanWake(string deploymentId)
    {
        if (DeploymentIdProblem(deploymentId) is not { } problem)
        {
            return true;
        }

        _log.Error("app {0}: skipping deployment from the journal: {1}", _app, problem);
        return false;
    }

    /// <summary>
    /// Deletes the log directory of a pruned deployment: <c>logs/&lt;app&gt;/&lt;deployment&gt;</c>, and nothing outside
    /// the app's log directory, whatever the id.
    /// </summary>
    private void DeleteLogs(string deploymentId)
    {
        if (DeploymentIdProblem(deploymentId) is not null)
        {
            return;
        }

        var directory = Path.GetFullPath(_services.LogDirectory(_app, deploymentId));
        var appDirectory = Path.GetFullPath(Path.GetDirectoryName(directory)!);
        if (appDirectory != Path.GetFullPath(Path.GetDirectoryName(_services.LogDirectory(_app, ServicesScope))!) || !Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning("app {0}: could not delete the logs of pruned deployment {1} ({2}): {3}", _app, deploymentId, directory, e.Message);
        }
    }
}
