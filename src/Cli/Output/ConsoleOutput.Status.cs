using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>
    /// <c>router pid 4242  listen http://127.0.0.1:8182  tables hello v7  since …  node …</c>, one line per router
    /// process; at a narrow width the parts at the end go first.
    /// </summary>
    private static string RouterLine(RouterProcessStatus router, int? width)
    {
        if (router.Unavailable is { } reason)
        {
            return TextLine.Truncate($"router {router.Node}: {reason}", width);
        }

        var tables = router.Versions.IsEmpty ? "no tables" : "tables " + string.Join(", ", router.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} v{v.Value}"));
        var listen = router.Listen.IsEmpty ? "no listener" : "listen " + string.Join(", ", router.Listen);
        var problems = string.Join("  ", router.Problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"[{p.Key}: {p.Value}]"));
        var since = router.StartedAt is { } started ? $"since {started.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : null;
        var pid = $"router pid {router.Pid}{(router.Draining ? " (draining)" : "")}";
        var whole = string.Join("  ", new[] { pid, listen, tables, since, $"node {router.Node}", problems }.Where(part => !string.IsNullOrEmpty(part)));
        return whole.Length <= (width ?? int.MaxValue) ? whole : TextLine.Fit(width, pid, listen, problems, tables, since);
    }

    /// <summary><c>hello  listen http://127.0.0.1:8080  active hello-…</c>; at a narrow width the listener goes first.</summary>
    private static string AppTitle(AppStatus app, int? width)
    {
        var inProgress = app.DeployInProgress ? "(deploy in progress)" : null;
        var whole = string.Join("  ", new[] { app.App, $"listen {app.Listen ?? "-"}", $"active {app.ActiveDeploymentId ?? "none"}", inProgress }.Where(part => part is not null));
        var room = width - TextRule.Decoration;
        return whole.Length <= (room ?? int.MaxValue) ? whole : TextLine.Fit(room, $"{app.App}  active {app.ActiveDeploymentId ?? "none"}", inProgress);
    }

    /// <summary>
    /// Per app: its deployments, then every process (app services and each deployment's own). The tables fit
    /// <see cref="Width"/>, dropping their less important columns first, unless <paramref name="wide"/>.
    /// </summary>
    public void Status(StatusResponse status, bool wide = false)
    {
        var width = wide ? null : Width;
        if (Json)
        {
            WriteJson(status);
            return;
        }

        foreach (var node in status.SilentNodes ?? [])
        {
            Note($"warning: node {node} did not answer; its apps are missing below until they move to another worker");
        }

        foreach (var router in status.Routers ?? [])
        {
            Line(RouterLine(router, width));
        }

        if (status.Apps.IsEmpty)
        {
            Line(status.SilentNodes is { IsEmpty: false }
                ? "no app answered"
                : "no apps deployed yet; deploy one with `orch deploy --release-path PATH`");
            return;
        }

        foreach (var app in status.Apps)
        {
            if (app.Unavailable is { } reason)
            {
                Heading(TextLine.Truncate($"{app.App}  unavailable: {reason}", width - TextRule.Decoration), width);
                continue;
            }

            Heading(AppTitle(app, width), width);
            DeploymentsTable(app).WriteTo(_stdout, width);
            ProcessesTable(app).WriteTo(_stdout, width);
            RestartReasons(app, width);
            ReleaseLines(app);
        }
    }

    /// <summary>A failed deployment's state keeps this much of its reason at a narrow width (the rest: <c>--wide</c>, <c>orch events</c>).</summary>
    private const int FailedStateWidth = 32;

    private static TextTable DeploymentsTable(AppStatus app)
    {
        var table = new TextTable(
            "deployment",
            new TableColumn("revision", DropRank: 5),
            new TableColumn("state", CutTo: FailedStateWidth),
            new TableColumn("created", DropRank: 1),
            new TableColumn("activated", DropRank: 3),
            new TableColumn("drain started", DropRank: 6),
            new TableColumn("ports", DropRank: 2),
            new TableColumn("http", DropRank: 7),
            new TableColumn("ws", DropRank: 4),
            new TableColumn("requests", DropRank: 8));
        foreach (var deployment in app.Deployments)
        {
            table.AddRow(
                deployment.Id,
                deployment.Revision,
                deployment.FailureReason is not null ? $"{deployment.State}: {deployment.FailureReason}"
                    : deployment.Canary is { } canary ? $"{deployment.State} {canary}"
                    : deployment.State,
                Time(deployment.CreatedAt),
                Time(deployment.ActivatedAt),
                Time(deployment.DrainStartedAt),
                string.Join(' ', deployment.Ports.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
                Number(deployment.Connections.Http),
                Number(deployment.Connections.WebSocket),
                Number(deployment.Connections.Requests));
        }

        return table;
    }

    private static TextTable ProcessesTable(AppStatus app)
    {
        var table = new TextTable(
            "deployment",
            "process",
            new TableColumn("policy", DropRank: 2),
            new TableColumn("pid", DropRank: 4),
            "state",
            new TableColumn("health", DropRank: 6),
            new TableColumn("restarts", DropRank: 5),
            new TableColumn("exit", DropRank: 1),
            new TableColumn("uptime", DropRank: 3));
        var rows = app.Services.Select(p => (Owner: "(service)", Process: p))
            .Concat(app.Deployments.SelectMany(d => d.Processes.Select(p => (Owner: d.Id, Process: p))));
        foreach (var (owner, process) in rows)
        {
            table.AddRow(
                owner,
                process.Id,
                process.Policy,
                process.Pid is { } pid ? Number(pid) : null,
                process.Survivors is { IsEmpty: false } survivors
                    ? $"{process.State}; survived its stop: pid {string.Join(", ", survivors.Select(Number))}"
                    : process.State,
                process.Health,
                Number(process.Restarts),
                Exit(process),
                process.UptimeSeconds is { } uptime ? Uptime(TimeSpan.FromSeconds(uptime)) : null);
        }

        return table;
    }

    /// <summary>Under the table: why an unhealthy process is unhealthy and why each restarted process last restarted.</summary>
    private void RestartReasons(AppStatus app, int? width)
    {
        var rows = app.Services.Select(p => (Owner: "(service)", Process: p))
            .Concat(app.Deployments.SelectMany(d => d.Processes.Select(p => (Owner: d.Id, Process: p))));
        foreach (var (owner, process) in rows)
        {
            if (process.Health == "unhealthy")
            {
                WrappedLine($"{owner}/{process.Id} unhealthy: {process.HealthDetail}", width);
            }

            if (process.LastRestartReason is { } reason)
            {
                WrappedLine($"{owner}/{process.Id} last restart: {reason}", width);
            }
        }
    }

    private void WrappedLine(string text, int? width)
    {
        foreach (var line in TextLine.Wrap(text, width))
        {
            Line(line);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? Exit(ProcessStatus process) => (process.ExitCode, process.ExitSignal) switch
    {
        (_, { } signal) => signal,
        ({ } code, null) => Number(code),
        _ => null,
    };

    private static string Uptime(TimeSpan uptime) => uptime switch
    {
        { TotalDays: >= 1 } => $"{(int)uptime.TotalDays}d{uptime.Hours}h",
        { TotalHours: >= 1 } => $"{(int)uptime.TotalHours}h{uptime.Minutes}m",
        { TotalMinutes: >= 1 } => $"{(int)uptime.TotalMinutes}m{uptime.Seconds}s",
        _ => $"{(int)uptime.TotalSeconds}s",
    };
}
