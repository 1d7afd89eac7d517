namespace Orchestrator.Control.Client.Http;

/// <summary>A whole answer of the control API: its status and its decoded body.</summary>
internal sealed record ControlResponse(int StatusCode, string ReasonPhrase, ReadOnlyMemory<byte> Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
