using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary><c>router pid 4242  up 3m  listen http://127.0.0.1:8182  tables hello v7  (node …)</c>, one line per router process.</summary>
    private static string RouterLine(RouterProcessStatus router)
    {
        if (router.Unavailable is { } reason)
        {
            return $"router {router.Node}: {reason}";
        }

        var tables = router.Versions.IsEmpty ? "no tables" : "tables " + string.Join(", ", router.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} v{v.Value}"));
        var listen = router.Listen.IsEmpty ? "no listener" : "listen " + string.Join(", ", router.Listen);
        var problems = string.Concat(router.Problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  [{p.Key}: {p.Value}]"));
        var since = router.StartedAt is { } started ? $"  since {started.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : "";
        return $"router pid {router.Pid}{(router.Draining ? " (draining)" : "")}  {listen}  {tables}{since}  node {router.Node}{problems}";
    }

    /// <summary>Per app: its deployments, then every process (app services and each deployment's own).</summary>
    public void Status(StatusResponse status)
    {
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
            Line(RouterLine(router));
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
                Heading($"{app.App}  unavailable: {reason}");
                continue;
            }

            var title = $"{app.App}  listen {app.Listen ?? "-"}  active {app.ActiveDeploymentId ?? "none"}"
                + (app.DeployInProgress ? "  (deploy in progress)" : "");
            Heading(title);
            DeploymentsTable(app).WriteTo(_stdout);
            ProcessesTable(app).WriteTo(_stdout);
            RestartReasons(app);
            ReleaseLines(app);
        }
    }

    private static TextTable DeploymentsTable(AppStatus app)
    {
        var table = new TextTable("deployment", "revision", "state", "created", "activated", "drain started", "ports", "http", "ws", "requests");
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
        var table = new TextTable("deployment", "process", "policy", "pid", "state", "health", "restarts", "exit", "uptime");
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
    private void RestartReasons(AppStatus app)
    {
        var rows = app.Services.Select(p => (Owner: "(service)", Process: p))
            .Concat(app.Deployments.SelectMany(d => d.Processes.Select(p => (Owner: d.Id, Process: p))));
        foreach (var (owner, process) in rows)
        {
            if (process.Health == "unhealthy")
            {
                Line($"{owner}/{process.Id} unhealthy: {process.HealthDetail}");
            }

            if (process.LastRestartReason is { } reason)
            {
                Line($"{owner}/{process.Id} last restart: {reason}");
            }
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
