namespace Orchestrator.Control.Client;

/// <summary>Nothing answers where the control API should be: no socket file, nobody listening, or no daemon at the address.</summary>
internal sealed class DaemonNotRunningException : Exception
{
    public DaemonNotRunningException(string socketPath, Exception? inner = null)
        : base($"no orch daemon is running on {socketPath}; start one with `orch daemon` (or pass --ensure-daemon to deploy)", inner)
    {
        SocketPath = socketPath;
    }

    private DaemonNotRunningException(string address, string message, Exception inner)
        : base(message, inner)
    {
        SocketPath = address;
    }

    /// <summary>Where nothing answered: the socket's path or the remote daemon's address.</summary>
    public string SocketPath { get; }

    /// <summary>A remote daemon's address refused or did not resolve.</summary>
    public static DaemonNotRunningException Unreachable(string address, Exception inner) =>
        new(address, $"no orch daemon answers at {address}: {inner.Message}; check the address and that the daemon runs with --control-listen", inner);
}
