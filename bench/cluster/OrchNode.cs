using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// One cluster member as the integration tests run it: <c>dotnet orch.dll daemon|router ...</c> from this program's
/// output directory, with its own state directory and control socket, its output in <c>node.log</c>. The CLI runs
/// against it; the polls that need a fine resolution use its control API directly (what <c>orch</c> itself calls).
/// </summary>
internal sealed class OrchNode : IAsyncDisposable
{
    public static readonly string OrchDll = Path.Combine(AppContext.BaseDirectory, "orch.dll");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyList<string> _arguments;
    private readonly HttpClient _control;
    private Process? _process;

    public OrchNode(string name, string root, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        Name = name;
        Root = Directory.CreateDirectory(Path.Combine(root, "nodes", name)).FullName;
        StateDirectory = Directory.CreateDirectory(Path.Combine(Root, "state")).FullName;
        ControlSocket = Path.Combine(Root, "orch.sock");
        _environment = new Dictionary<string, string>(environment)
        {
            ["ORCH_STATE_DIR"] = StateDirectory,
            ["ORCH_CONTROL"] = ControlSocket,
            ["NO_COLOR"] = "1",
        };
        _arguments = arguments;
        _control = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(ControlSocket), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Name { get; }

    public string Root { get; }

    public string StateDirectory { get; }

    public string ControlSocket { get; }

    public string Log => Path.Combine(Root, "node.log");

    public bool Running => _process is { HasExited: false };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var command = string.Join(' ', new[] { OrchDll }.Concat(_arguments).Select(Quote));
        var start = StartInfo("/bin/sh", "-c", $"exec dotnet {command} >>{Quote(Log)} 2>&1");
        _process = Process.Start(start)!;
        await Poll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}: {Tail(20)}");
                }

                using var response = await _control.GetAsync("/v1/health", cancellationToken);
                return response.IsSuccessStatusCode;
            },
            $"{Name} to answer on its control socket",
            StartTimeout,
            cancellationToken);
    }

    /// <summary>SIGKILL of the node process, as a crash; the app processes it started live on, as they would on a real host.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken) =>
        await _control.GetFromJsonAsync<ClusterStatus>("/v1/cluster", Json, cancellationToken)
        ?? throw new InvalidOperationException($"{Name}: /v1/cluster answered null");

    /// <summary>GET /v1/status?app=APP, what <c>orch status --app APP --json</c> prints.</summary>
    public async Task<AppStatus?> AppAsync(string app, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var status = await _control.GetFromJsonAsync<StatusResponse>($"/v1/status?app={Uri.EscapeDataString(app)}", Json, deadline.Token);
        return status?.Apps.FirstOrDefault(a => a.App == app);
    }

    /// <summary>The real CLI against this node, to its end.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = StartCli(args);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await WaitAsync(process, args, cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// <c>orch deploy --json</c>: every NDJSON progress line as it is read from the CLI's stdout, with the time it was
    /// read (the lines carry the node's own time too, <see cref="DeployProgress.At"/>).
    /// </summary>
    public async Task<DeployRun> DeployAsync(string config, string release, string revision, CancellationToken cancellationToken)
    {
        string[] args = ["deploy", "--json", "--config", config, "--release-path", release, "--revision", revision];
        using var process = StartCli(args);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<ProgressLine>();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var readAt = DateTimeOffset.UtcNow;
            if (line.StartsWith('{'))
            {
                var progress = JsonSerializer.Deserialize<DeployProgress>(line, Json);
                if (progress is not null)
                {
                    lines.Add(new ProgressLine(progress, readAt));
                }
            }
        }

        await WaitAsync(process, args, cancellationToken);
        return new DeployRun(revision, process.ExitCode, lines, await stderr);
    }

    public string Tail(int lines) =>
        File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(lines)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                using var shutdown = new CancellationTokenSource(ShutdownTimeout);
                await RunAsync(shutdown.Token, "shutdown");
                await process.WaitForExitAsync(shutdown.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                // It did not stop in time: killed below.
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        _process?.Dispose();
        _control.Dispose();
    }

    private Process StartCli(string[] args)
    {
        var start = StartInfo("dotnet", [OrchDll, .. args]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return Process.Start(start)!;
    }

    private static async Task WaitAsync(Process process, string[] args, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CliTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orch {string.Join(' ', args)} did not finish within {CliTimeout.TotalSeconds:0} s (or the run was stopped)");
        }
    }

    private ProcessStartInfo StartInfo(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = Root };
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

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>One progress line of <c>orch deploy --json</c> and when the bench read it.</summary>
internal sealed record ProgressLine(DeployProgress Progress, DateTimeOffset ReadAt);

/// <summary>One <c>orch deploy --json</c>: its exit code and progress.</summary>
internal sealed record DeployRun(string Revision, int ExitCode, IReadOnlyList<ProgressLine> Lines, string Stderr)
{
    /// <summary>The step the deployment reports when its health check passed and it asks the route table to switch (<c>DeploymentActor.Switch</c>).</summary>
    public ProgressLine? HealthPassed => Lines.FirstOrDefault(l => l.Progress.Kind == ProgressKinds.Step && l.Progress.Phase == "switching");

    public ProgressLine? Final => Lines.LastOrDefault(l => l.Progress.IsFinal);

    public bool Succeeded => ExitCode == 0 && Final?.Progress.Kind == ProgressKinds.Succeeded;

    public string Describe() =>
        $"exit {ExitCode}: {Final?.Progress.Message ?? "(no final progress)"} {Stderr.Trim()}".Trim();
}
