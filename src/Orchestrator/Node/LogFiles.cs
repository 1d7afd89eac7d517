using System.Runtime.CompilerServices;
using Orchestrator.Actors;
using Orchestrator.Actors.Processes;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>Reads process log files: the last lines, then new lines as they are written.</summary>
internal static class LogFiles
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);
    private const int FollowCapacity = 1000;
    private const long MinTailBytes = 64 * 1024;
    private const long TailBytesPerLine = 1024;

    public sealed record Source(string App, string DeploymentId, string ProcessId, string Path);

    /// <summary>The files a logs request names: one deployment (the given one, else the active, else the newest), its processes, and the services.</summary>
    public static IReadOnlyList<Source> Select(AppStatus app, LogsRequest request)
    {
        var deployment = request.DeploymentId is { } id
            ? app.Deployments.FirstOrDefault(d => d.Id == id)
              ?? throw new ControlPlaneException(404, $"app '{app.App}' has no deployment '{id}'", "see `orch status` for its deployments")
            : app.Deployments.FirstOrDefault(d => d.Id == app.ActiveDeploymentId) ?? app.Deployments.FirstOrDefault();
        var processes = (deployment?.Processes ?? []).Select(p => new Source(app.App, deployment!.Id, p.Id, p.LogPath ?? ""))
            .Concat(app.Services.Select(s => new Source(app.App, "services", s.Id, s.LogPath ?? "")))
            .Where(s => s.Path.Length > 0)
            .Where(s => request.ProcessId is null || s.ProcessId == request.ProcessId)
            .ToList();
        if (processes.Count == 0 && request.ProcessId is { } process)
        {
            throw new ControlPlaneException(404, $"no process '{process}' in {deployment?.Id ?? app.App}", "see `orch status` for its processes");
        }

        return processes;
    }

    public static async IAsyncEnumerable<LogLine> ReadAsync(
        IReadOnlyList<Source> sources,
        int lines,
        bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The control API refuses more; clamped here too, so memory never follows the request's number.
        var count = Math.Clamp(lines, 0, Defaults.MaxLogLines);
        var capacity = Math.Max(count, FollowCapacity);

        // Only the end of each file is read: a long-lived process's log may be far larger than what is asked for.
        var tails = sources.Select(s => LogTail.FromLast(s.Path, capacity, Math.Max(MinTailBytes, count * TailBytesPerLine))).ToList();
        for (var i = 0; i < sources.Count; i++)
        {
            tails[i].Poll();
            foreach (var text in tails[i].Last(count))
            {
                yield return new LogLine(sources[i].App, sources[i].DeploymentId, sources[i].ProcessId, text);
            }
        }

        while (follow && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                foreach (var text in tails[i].PollNewLines())
                {
                    yield return new LogLine(sources[i].App, sources[i].DeploymentId, sources[i].ProcessId, text);
                }
            }

            try
            {
                await Task.Delay(FollowPoll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
