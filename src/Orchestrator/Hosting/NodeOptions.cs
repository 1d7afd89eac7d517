namespace Orchestrator.Hosting;

/// <summary>How <c>orch daemon</c> runs a node.</summary>
public sealed record NodeOptions
{
    public required string StateDirectory { get; init; }
    public required string ControlSocketPath { get; init; }

    /// <summary>Unix file mode of the control socket, octal (e.g. <c>660</c>); null keeps the umask's.</summary>
    public string? ControlSocketMode { get; init; }

    /// <summary>The journal and snapshot store: SQLite in the state directory unless Redis is chosen.</summary>
    public JournalChoice Journal { get; init; } = JournalChoice.Embedded;
}
