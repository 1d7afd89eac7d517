using System.Diagnostics;

namespace Orchestrator.Control.Tests;

/// <summary>Binds a unix socket in another process and kills it with SIGKILL, so nothing unlinks the file.</summary>
/// <remarks>.NET's own <c>Socket.Dispose</c> unlinks the file it bound, so the dead owner has to be a real, killed process.</remarks>
internal static class KilledListener
{
    private const string Script =
        "import socket, sys, time\n" +
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n" +
        "s.bind(sys.argv[1]); s.listen()\n" +
        "print('listening', flush=True)\n" +
        "time.sleep(60)\n";

    public static async Task LeaveSocketAtAsync(string socketPath)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false, ArgumentList = { "-c", Script, socketPath } };
        using var listener = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            var line = await Eventually.Within(listener.StandardOutput.ReadLineAsync());
            if (line != "listening")
            {
                throw new InvalidOperationException($"listener said '{line}'");
            }
        }
        finally
        {
            listener.Kill();
            await Eventually.Within(listener.WaitForExitAsync());
        }
    }
}
