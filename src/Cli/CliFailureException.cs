namespace Orchestrator.Cli;

/// <summary>A failure the user can fix (a missing file, a bad path): printed without a stack trace, exit 1.</summary>
internal sealed class CliFailureException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
