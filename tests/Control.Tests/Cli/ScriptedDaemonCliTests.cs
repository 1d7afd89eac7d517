namespace Orchestrator.Control.Tests.Cli;

/// <summary>
/// The real CLI against a scripted control plane on a temp socket, with a release directory holding a minimal
/// <c>orch.toml</c>; each test starts the plane it needs with <see cref="StartAsync"/>.
/// </summary>
public abstract class ScriptedDaemonCliTests : Xunit.IAsyncLifetime
{
    private ControlApiServer? _server;

    private protected TempSocket Socket { get; } = new();

    protected string ReleasePath => Path.Combine(Socket.DirectoryPath, "release");

    protected string ConfigPath => Path.Combine(ReleasePath, "orch.toml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ReleasePath);
        await File.WriteAllTextAsync(ConfigPath, "app = \"web-app\"\n");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Socket.Dispose();
    }

    private protected async Task<ScriptedControlPlane> StartAsync(ScriptedControlPlane plane)
    {
        _server = await Eventually.Within(ControlApiServer.StartAsync(plane, Socket.SocketPath, null, CancellationToken.None));
        return plane;
    }

    private protected Task<CliRun> DeployAsync(params string[] extra) =>
        CliRun.InvokeAsync(["deploy", "--control", Socket.SocketPath, "--release-path", ReleasePath, "--config", ConfigPath, .. extra]);
}
