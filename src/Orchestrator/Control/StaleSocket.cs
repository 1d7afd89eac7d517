using Orchestrator.Control.Client;
using Orchestrator.Control.Client.Http;

namespace Orchestrator.Control;

/// <summary>Makes the socket path free to bind: refuses if a daemon answers on it, removes it if nothing does.</summary>
internal static class StaleSocket
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Returns true when a stale file was removed.</summary>
    /// <exception cref="DaemonAlreadyRunningException">A daemon answered /v1/health on the socket.</exception>
    public static async Task<bool> ClearAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var client = new ControlClient(socketPath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var running = await client.HealthAsync(timeout.Token).ConfigureAwait(false);
            throw new DaemonAlreadyRunningException(running, socketPath);
        }
        catch (DaemonNotRunningException)
        {
            // Connection refused: the file outlived its daemon (kill -9, power loss).
            File.Delete(socketPath);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ControlConnectionException or ControlApiException or InvalidDataException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException(
                $"something is listening on {socketPath} but it does not answer as an orch daemon; stop it or use --control PATH", ex);
        }
    }
}
