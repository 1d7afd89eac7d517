using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>One row per deployment across the cluster: app, id, node, state, revision, when, and its open connections.</summary>
    public void Deployments(DeploymentsResponse deployments)
    {
        if (Json)
        {
            WriteJson(deployments);
            return;
        }

        foreach (var node in deployments.SilentNodes ?? [])
        {
            Note($"warning: node {node} did not answer; its apps' deployments are missing below until they move to another worker");
        }

        foreach (var (app, reason) in (deployments.UnavailableApps ?? []).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Note($"warning: app {app} is unavailable: {reason}");
        }

        if (deployments.Deployments.IsEmpty)
        {
            Line("no deployments yet; deploy an app with `orch deploy --release-path PATH`");
            return;
        }

        var table = new TextTable("app", "deployment", "node", "state", "revision", "created", "activated", "http", "ws", "streams");
        foreach (var row in deployments.Deployments)
        {
            table.AddRow(
                row.App,
                row.Id,
                row.Node,
                row.FailureReason is null ? row.State : $"{row.State}: {row.FailureReason}",
                row.Revision,
                Time(row.CreatedAt),
                Time(row.ActivatedAt),
                Number(row.Connections.Http),
                Number(row.Connections.WebSocket),
                Number(row.Connections.Streaming));
        }

        table.WriteTo(_stdout);
    }
}
