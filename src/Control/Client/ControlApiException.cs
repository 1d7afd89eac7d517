using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

/// <summary>The daemon answered a request with a non-2xx status and its <see cref="ControlError"/>.</summary>
internal sealed class ControlApiException(int statusCode, ControlError error) : Exception(error.Error)
{
    public int StatusCode { get; } = statusCode;
    public ControlError Error { get; } = error;
}
