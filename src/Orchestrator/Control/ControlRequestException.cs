namespace Orchestrator.Control;

/// <summary>A request the HTTP layer itself rejects (unknown route, unreadable body) before it reaches the plane.</summary>
internal sealed class ControlRequestException(int statusCode, string message, string? hint = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? Hint { get; } = hint;
}
