using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Bench.Cluster;

/// <summary>Waiting for a condition with a deadline, never for a fixed time.</summary>
internal static class Poll
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>Until <paramref name="condition"/> is true; an exception counts as false (the thing is not up yet).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                last = e.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}{(last is null ? "" : $" (last error: {last})")}");
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }
}

/// <summary>OS-chosen free loopback ports, and blocks of ports for an app's port range.</summary>
internal static class FreePorts
{
    private static int _nextBlock = 30000 + (Environment.ProcessId % 50 * 200);

    public static int Any()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Range(int size)
    {
        var first = Interlocked.Add(ref _nextBlock, size) - size;
        return $"{first}-{first + size - 1}";
    }
}
