using System.Net;
using System.Net.Sockets;
using Orchestrator.Actors.Ports;
using Xunit;

namespace Orchestrator.Actors.Tests.Ports;

public sealed class PortProbeTests
{
    [Fact]
    public async Task CanBind_APortWhoseListenerClosedButWhoseConnectionIsOpen_IsFalseUntilTheConnectionCloses()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var accepted = await listener.AcceptTcpClientAsync();
        listener.Stop();

        Assert.False(PortProbe.CanBind(port));

        accepted.Client.LingerState = new LingerOption(true, 0);
        accepted.Close();
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
        Assert.True(PortProbe.CanBind(port));
    }
}
