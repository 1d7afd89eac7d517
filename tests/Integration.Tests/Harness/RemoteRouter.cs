using System.Diagnostics;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// <c>orch router --feed HOST:PORT</c> as it runs on another host: a state directory of its own, its listeners on
/// another loopback address (the daemon's own router holds 127.0.0.1), the token it is given in <c>ORCH_TOKEN</c>.
/// </summary>
internal sealed class RemoteRouter : IAsyncDisposable
{
    private const string ListenHost = "127.0.0.2";

    private RemoteRouter(string stateDirectory, string logPath, Process process)
    {
        StateDirectory = stateDirectory;
        LogPath = logPath;
        Process = process;
    }

    public string StateDirectory { get; }

    public string LogPath { get; }

    public Process Process { get; }

    /// <param name="token">Its <c>ORCH_TOKEN</c>; null: none at all.</param>
    public static RemoteRouter Start(OrchEnvironment orch, string feed, string? token)
    {
        var name = $"remote-router-{Guid.NewGuid():N}";
        var stateDirectory = Path.Combine(orch.Root, name);
        var logPath = Path.Combine(orch.Root, name + ".out");
        var environment = new Dictionary<string, string?> { ["ORCH_TOKEN"] = token, ["ORCH_STATE_DIR"] = stateDirectory };
        var process = orch.StartCliWith(environment, logPath, "router", "--feed", feed, "--state-dir", stateDirectory, "--listen-host", ListenHost);
        return new RemoteRouter(stateDirectory, logPath, process);
    }

    /// <summary>Where this router serves the app's listener.</summary>
    public static Uri BaseUriOf(TestApp app) => new($"http://{ListenHost}:{app.ListenPort}");

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no remote router output)";

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}
