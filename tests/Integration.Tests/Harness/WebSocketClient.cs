using System.Net.WebSockets;
using System.Text;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>The test app's <c>/ws</c> echo: connects, and sends a text that comes back prefixed with the deployment id.</summary>
internal static class WebSocketClient
{
    public static Task<ClientWebSocket> ConnectAsync(TestApp app) => ConnectAsync(new Uri($"ws://127.0.0.1:{app.ListenPort}/ws"));

    public static async Task<ClientWebSocket> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var connect = new CancellationTokenSource(Eventually.DefaultTimeout);
        await socket.ConnectAsync(uri, connect.Token);
        return socket;
    }

    public static async Task<string> EchoAsync(this ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
