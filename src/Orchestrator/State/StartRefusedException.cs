namespace Orchestrator.State;

/// <summary>The daemon must not start on this state directory or journal; the message says why and what to do.</summary>
internal sealed class StartRefusedException(string message) : Exception(message);
