using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Ports for tests: an OS-chosen free port for a listener, and a private block of ports for a port range.</summary>
internal static class FreePorts
{
    private static int _nextBlock = 20000 + (Environment.ProcessId % 40 * 200);

    public static int Any()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A range of <paramref name="size"/> ports no other test of this run uses.</summary>
    public static string Range(int size = 20)
    {
        var first = Interlocked.Add(ref _nextBlock, size) - size;
        return $"{first}-{first + size - 1}";
    }
}
