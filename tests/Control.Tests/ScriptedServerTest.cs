using Xunit;

namespace Orchestrator.Control.Tests;

/// <summary>A real control API server on a temporary socket, in front of a <see cref="ScriptedControlPlane"/>, per test.</summary>
public abstract class ScriptedServerTest : IAsyncLifetime
{
    private ControlApiServer? _server;

    internal TempSocket Socket { get; } = new();

    internal ScriptedControlPlane Plane { get; } = new();

    public async Task InitializeAsync() =>
        _server = await Eventually.Within(ControlApiServer.StartAsync(Plane, Socket.SocketPath, null, CancellationToken.None));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Socket.Dispose();
    }
}
