namespace Orchestrator.Control.Contracts;

/// <summary>The body of every 4xx/5xx answer of the control API.</summary>
public sealed record ControlError(string Error, string? Hint = null, IReadOnlyList<string>? Details = null);

/// <summary>POST /v1/stop.</summary>
public sealed record StopRequest(string? App);

/// <summary>Answer of stop and shutdown.</summary>
public sealed record CommandResult(bool Ok, string Message);

/// <summary>GET /v1/logs?app=&amp;process=&amp;deployment=&amp;lines=&amp;follow=.</summary>
public sealed record LogsRequest(string? App, string? ProcessId, string? DeploymentId, int Lines, bool Follow);

/// <summary>One line of process output, NDJSON in the logs stream.</summary>
public sealed record LogLine(string App, string DeploymentId, string ProcessId, string Text);

/// <summary>GET /v1/health: who answers on this socket, and the journal it writes (<c>sqlite</c> or <c>redis://HOST:PORT/DB</c>).</summary>
public sealed record DaemonInfo(int Pid, string Version, string StateDirectory, DateTimeOffset StartedAt, string? Journal = null);

/// <summary>One check of <c>orch doctor</c>.</summary>
public sealed record DoctorCheck(string Name, bool Ok, string Detail);

/// <summary>What <c>orch doctor --json</c> prints: every check, and whether all passed.</summary>
public sealed record DoctorReport(bool Ok, IReadOnlyList<DoctorCheck> Checks);
