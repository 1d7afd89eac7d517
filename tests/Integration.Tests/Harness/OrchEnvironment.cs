using System.Diagnostics;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// A real <c>orch daemon</c> process with its own state directory and control socket, and a way to run the real
/// CLI against it. Disposing shuts the daemon down and kills anything left running from its releases.
/// </summary>
internal sealed class OrchEnvironment : IAsyncDisposable
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(3);
    private Process? _daemon;

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyList<string> _daemonArguments;
    private readonly string _nodeVerb;

    private OrchEnvironment(
        string root, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? daemonArguments = null, string nodeVerb = "daemon")
    {
        _environment = environment ?? new Dictionary<string, string>();
        _daemonArguments = daemonArguments ?? [];
        _nodeVerb = nodeVerb;
        Root = root;
        StateDirectory = Path.Combine(root, "state");
        ControlSocket = Path.Combine(root, "orch.sock");
        Directory.CreateDirectory(StateDirectory);
    }

    public string Root { get; }
    public string StateDirectory { get; }
    public string ControlSocket { get; }
    public string DaemonLog => Path.Combine(Root, "daemon.out");
    public int? DaemonPid => _daemon is { HasExited: false } d ? d.Id : null;

    /// <summary>The daemon's exit code once it has exited by itself (e.g. after <c>orch cluster leave</c>), else null.</summary>
    public int? DaemonExitCode => _daemon is { HasExited: true } d ? d.ExitCode : null;

    /// <summary>The umask the daemon starts under (octal, e.g. <c>000</c>); null keeps the test's.</summary>
    public string? DaemonUmask { get; set; }

    /// <param name="environment">Extra variables for the daemon and every CLI run, e.g. <c>ORCH_JOURNAL</c>.</param>
    /// <param name="daemonArguments">Extra arguments of <c>orch daemon</c>, e.g. <c>--seed</c>.</param>
    /// <param name="nodeVerb">The verb that runs the node: <c>daemon</c>, or <c>router</c> for an edge router (with <c>--seed</c>).</param>
    public static OrchEnvironment CreateWithoutDaemon(
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? daemonArguments = null, string nodeVerb = "daemon") =>
        new(Directory.CreateTempSubdirectory("orch-it-").FullName, environment, daemonArguments, nodeVerb);

    public static async Task<OrchEnvironment> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? daemonArguments = null, string nodeVerb = "daemon")
    {
        var orch = CreateWithoutDaemon(environment, daemonArguments, nodeVerb);
        await orch.StartDaemonAsync();
        return orch;
    }

    public async Task StartDaemonAsync()
    {
        var start = CliStartInfo("daemon");
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        start.FileName = "/bin/sh";
        var command = string.Join(' ', CliArguments([_nodeVerb, .. _daemonArguments]).Select(Quote));
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        var umask = DaemonUmask is { } mask ? $"umask {mask}; " : "";
        start.ArgumentList.Add($"{umask}exec {Quote(DotnetHost)} {command} >>{Quote(DaemonLog)} 2>&1");
        _daemon = Process.Start(start)!;
        using var client = UnixSocketHttp.Create(ControlSocket);
        await Eventually.TrueAsync(
            async () =>
            {
                if (_daemon.HasExited)
                {
                    throw new InvalidOperationException($"daemon exited with {_daemon.ExitCode}: {ReadDaemonLog()}");
                }

                using var response = await client.GetAsync("/v1/health");
                return response.IsSuccessStatusCode;
            },
            "the daemon to answer on its control socket",
            TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: the daemon gets no chance to clean up, as in a crash.</summary>
    public async Task KillDaemonAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
        }
    }

    /// <summary>The host dies: SIGKILL to the daemon and to every process it started (an app's processes outlive a daemon crash alone).</summary>
    public async Task KillHostAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync();
        }
    }

    public string ReadDaemonLog() => File.Exists(DaemonLog) ? File.ReadAllText(DaemonLog) : "(no daemon log)";

    public Task<CliResult> RunAsync(params string[] args) => RunInAsync(null, args);

    /// <summary>Runs the CLI with some variables changed for this run only; a null value removes one.</summary>
    public Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunInAsync(null, args, environment);

    public Task<CliResult> RunInAsync(string? workingDirectory, params string[] args) => RunInAsync(workingDirectory, args, null);

    /// <summary>Runs the CLI with <paramref name="input"/> on its stdin, then its stdin closed (e.g. lines for <c>orch console</c>).</summary>
    public Task<CliResult> RunWithInputAsync(string input, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunInAsync(null, args, environment, input);

    private async Task<CliResult> RunInAsync(string? workingDirectory, string[] args, IReadOnlyDictionary<string, string?>? environment, string? input = null)
    {
        var start = CliStartInfo(args);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orch {string.Join(' ', args)} did not finish within {CliTimeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI without waiting for it, for commands that run alongside others.</summary>
    public Task<CliResult> StartAsync(params string[] args) => Task.Run(() => RunAsync(args));

    /// <summary>A long-running CLI process (e.g. <c>orch router</c>), its output appended to <c>cli.out</c> in the root.</summary>
    public Process StartCli(params string[] args) => StartCliWith(new Dictionary<string, string?>(), Path.Combine(Root, "cli.out"), args);

    /// <summary>A long-running CLI process with some variables changed (a null value removes one), its output appended to <paramref name="outputPath"/>.</summary>
    public Process StartCliWith(IReadOnlyDictionary<string, string?> environment, string outputPath, params string[] args)
    {
        var start = CliStartInfo();
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        start.RedirectStandardInput = false;
        start.FileName = "/bin/sh";
        start.WorkingDirectory = Root;
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {Quote(DotnetHost)} {string.Join(' ', CliArguments(args).Select(Quote))} >>{Quote(outputPath)} 2>&1");
        return Process.Start(start)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            try
            {
                await RunAsync("shutdown");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await daemon.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                // It did not stop in time: killed below.
            }
            finally
            {
                // Whatever went wrong above, no daemon outlives its test.
                if (!daemon.HasExited)
                {
                    daemon.Kill(entireProcessTree: true);
                }
            }
        }

        LeftoverProcesses.KillUnder(Root);
        await LeftoverCgroups.RemoveAsync(StateDirectory);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing its log; the temp directory is cleaned by the OS.
        }
    }

    private ProcessStartInfo CliStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in CliArguments(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ORCH_STATE_DIR"] = StateDirectory;
        start.Environment["ORCH_CONTROL"] = ControlSocket;
        start.Environment["NO_COLOR"] = "1";
        // A COLUMNS exported by the shell running the tests would fit `orch status` to it: the tests read whole lines.
        start.Environment.Remove("COLUMNS");
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static IEnumerable<string> CliArguments(params string[] args) =>
        new[] { Path.Combine(AppContext.BaseDirectory, "orch.dll") }.Concat(args);

    private static string DotnetHost => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
        ? path
        : "dotnet";

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
