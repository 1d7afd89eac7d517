using System.Diagnostics;

namespace Orchestrator.Bench.Railway;

/// <summary>The real <c>orch daemon</c> (the app's control service) and CLI, from this program's output directory, on a state directory of their own.</summary>
internal sealed class OrchProcesses : IAsyncDisposable
{
    private static readonly TimeSpan DaemonTimeout = TimeSpan.FromSeconds(120);
    private static readonly string OrchDll = Path.Combine(AppContext.BaseDirectory, "orch.dll");

    private readonly string _root;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _daemon;

    public OrchProcesses(string root, IReadOnlyDictionary<string, string> daemonEnvironment)
    {
        _root = root;
        _environment = new Dictionary<string, string>(daemonEnvironment)
        {
            ["ORCH_STATE_DIR"] = Path.Combine(root, "state"),
            ["ORCH_CONTROL"] = Path.Combine(root, "orch.sock"),
            ["NO_COLOR"] = "1",
        };
    }

    public string DaemonLog => Path.Combine(_root, "daemon.out");

    public async Task StartDaemonAsync()
    {
        var start = StartInfo("/bin/sh", "-c", $"exec dotnet '{OrchDll}' daemon >>'{DaemonLog}' 2>&1");
        _daemon = Process.Start(start)!;
        var deadline = DateTime.UtcNow + DaemonTimeout;
        while ((await RunAsync("status")).ExitCode != 0)
        {
            if (_daemon.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the daemon did not answer; see {DaemonLog}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = StartInfo("dotnet", [OrchDll, .. args]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            await RunAsync("shutdown");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await daemon.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                daemon.Kill(entireProcessTree: true);
            }
        }

        _daemon?.Dispose();
    }

    private ProcessStartInfo StartInfo(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
