namespace Orchestrator.Control;

/// <summary>A request the node refuses: the control API answers <see cref="StatusCode"/> with the message and hint.</summary>
public sealed class ControlPlaneException(int statusCode, string message, string? hint = null, IReadOnlyList<string>? details = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? Hint { get; } = hint;

    /// <summary>Itemised problems, e.g. every config error.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
