using System.Runtime.CompilerServices;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>Reads process log files: the last lines, then new lines as they are written.</summary>
internal static class LogFiles
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

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
        var offsets = new long[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var (tail, end) = await TailAsync(sources[i].Path, lines, cancellationToken);
            offsets[i] = end;
            foreach (var text in tail)
            {
                yield return new LogLine(sources[i].App, sources[i].DeploymentId, sources[i].ProcessId, text);
            }
        }

        while (follow && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var (added, end) = await ReadFromAsync(sources[i].Path, offsets[i], cancellationToken);
                offsets[i] = end;
                foreach (var text in added)
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

    private static async Task<(IReadOnlyList<string> Lines, long End)> TailAsync(string path, int lines, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return ([], 0);
        }

        var (all, end) = await ReadFromAsync(path, 0, cancellationToken);
        return (all.TakeLast(Math.Max(0, lines)).ToList(), end);
    }

    /// <summary>Complete lines from <paramref name="offset"/>; a partial last line waits for its newline.</summary>
    private static async Task<(IReadOnlyList<string> Lines, long End)> ReadFromAsync(string path, long offset, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return ([], offset);
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < offset)
        {
            offset = 0;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - offset];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewline < 0)
        {
            return ([], offset);
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, lastNewline);
        return (text.Split('\n'), offset + lastNewline + 1);
    }
}
