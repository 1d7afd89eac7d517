using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>
/// Hands each service a loopback address of its own, 127.0.10.N, as its private domain. An address is held by a
/// listening socket on <see cref="LeasePort"/>, so fakes in other test processes on this machine skip it too; the
/// kernel frees it when the holder exits, however it exits.
/// </summary>
internal sealed class PrivateDomainLeases : IDisposable
{
    /// <summary>Below Linux's ephemeral range, so no outgoing connection takes it.</summary>
    public const int LeasePort = 10_999;

    private const int Hosts = 254;

    // Process-wide, so fakes of parallel tests start from different addresses instead of racing for the first.
    private static int _next;

    private readonly Lock _lock = new();
    private readonly List<Socket> _held = [];

    public string Lease()
    {
        for (var attempt = 0; attempt < Hosts; attempt++)
        {
            var host = (int)((uint)Interlocked.Increment(ref _next) % Hosts) + 1;
            var address = new IPAddress([127, 0, 10, (byte)host]);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address, LeasePort));
                socket.Listen(1);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                socket.Dispose();
                continue;
            }
            lock (_lock)
                _held.Add(socket);
            return address.ToString();
        }
        throw new InvalidOperationException($"every 127.0.10.N address is leased to another fake (port {LeasePort})");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var socket in _held)
                socket.Dispose();
            _held.Clear();
        }
    }
}
