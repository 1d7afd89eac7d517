namespace Orchestrator.Control.Client;

/// <summary>Nothing answers on the control socket: no file, or nobody listening on it.</summary>
internal sealed class DaemonNotRunningException(string socketPath, Exception? inner = null)
    : Exception($"no orch daemon is running on {socketPath}; start one with `orch daemon` (or pass --ensure-daemon to deploy)", inner)
{
    public string SocketPath { get; } = socketPath;
}
