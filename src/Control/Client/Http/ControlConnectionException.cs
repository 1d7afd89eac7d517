namespace Orchestrator.Control.Client.Http;

/// <summary>
/// The connection to the daemon broke mid-answer, or what came back is not an HTTP/1.1 response. The request may or
/// may not have been carried out; <c>orch status</c> tells.
/// </summary>
internal sealed class ControlConnectionException(string message, Exception? inner = null) : IOException(message, inner);
