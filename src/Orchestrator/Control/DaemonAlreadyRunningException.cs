using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>Another daemon already answers on the control socket this one was asked to bind.</summary>
internal sealed class DaemonAlreadyRunningException(DaemonInfo running, string socketPath)
    : Exception($"another orch daemon (pid {running.Pid}, state dir {running.StateDirectory}) is already listening on {socketPath}; " +
        "stop it with `orch shutdown` or use --control PATH")
{
    public DaemonInfo Running { get; } = running;
    public string SocketPath { get; } = socketPath;
}
