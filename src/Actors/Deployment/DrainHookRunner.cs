using System.ComponentModel;
using System.Diagnostics;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>Where a draining process's hooks go: its pid for a signal, its port for HTTP, its spec for a command.</summary>
internal sealed record DrainTarget(string ProcessId, int? Pid, int? Port, ProcessSpec Spec);

/// <summary>A <c>quiet</c> hook ran; <paramref name="Error"/> says why it failed, null when it worked.</summary>
internal sealed record QuietSent(string ProcessId, DrainHook Hook, string? Error);

/// <summary>A <c>drain_check</c> answered: idle or busy, with what it saw.</summary>
internal sealed record DrainCheckAnswered(string ProcessId, bool Idle, string Detail);

/// <summary>
/// Runs <c>quiet</c> and <c>drain_check</c> hooks. Never throws: every failure becomes a result (a failed quiet is
/// reported, a failed check counts as busy). A command that outlives its timeout is killed with its children.
/// </summary>
internal static class DrainHookRunner
{
    private const string Script = $"exec </dev/null >>\"${ProcessLauncher.LogFileVariable}\" 2>&1; ";

    public static async Task<QuietSent> QuietAsync(HttpClient client, DrainHook hook, DrainTarget target, TimeSpan timeout)
    {
        var error = hook switch
        {
            SignalHook signal => SendSignal(signal, target),
            HttpHook http => await RequestAsync(client, http, target, timeout) is var (status, detail) && status is >= 200 and < 300
                ? null
                : detail,
            ExecHook exec => await RunAsync(exec, target, timeout) is var (code, detail) && code == 0 ? null : detail,
            _ => $"unknown hook {hook}",
        };
        return new QuietSent(target.ProcessId, hook, error);
    }

    public static async Task<DrainCheckAnswered> CheckAsync(HttpClient client, DrainHook hook, DrainTarget target, TimeSpan timeout)
    {
        switch (hook)
        {
            case HttpHook http:
                var (status, detail) = await RequestAsync(client, http, target, timeout);
                return new DrainCheckAnswered(target.ProcessId, status is >= 200 and < 300, detail);
            case ExecHook exec:
                var (code, what) = await RunAsync(exec, target, timeout);
                return new DrainCheckAnswered(target.ProcessId, code == 0, what);
            default:
                return new DrainCheckAnswered(target.ProcessId, false, $"{hook} cannot answer whether the process is idle");
        }
    }

    private static string? SendSignal(SignalHook signal, DrainTarget target)
    {
        if (target.Pid is not { } pid)
        {
            return "the process has no recorded pid";
        }

        try
        {
            return PosixSignals.Signal(pid, signal.Number) ? null : $"pid {pid} is gone";
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return e.Message;
        }
    }

    /// <summary>The status code (0 when there was no answer) and a line saying what happened.</summary>
    private static async Task<(int Status, string Detail)> RequestAsync(HttpClient client, HttpHook http, DrainTarget target, TimeSpan timeout)
    {
        if (target.Port is not { } port)
        {
            return (0, $"{http}: the process has no port");
        }

        var url = new Uri($"http://127.0.0.1:{port}{http.Path}");
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(http.Method), url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
            return ((int)response.StatusCode, $"{http.Method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return (0, $"{http.Method} {url}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return (0, $"{http.Method} {url}: no answer within {Duration.Format(timeout)}");
        }
    }

    /// <summary>The exit code (-1 when it did not run or was killed) and a line saying what happened.</summary>
    private static async Task<(int ExitCode, string Detail)> RunAsync(ExecHook exec, DrainTarget target, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(ProcessLauncher.ShellPath)
        {
            UseShellExecute = false,
            WorkingDirectory = target.Spec.WorkingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script + exec.Command);
        foreach (var (name, value) in target.Spec.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment[ProcessLauncher.LogFileVariable] = Path.GetFullPath(target.Spec.LogPath);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return (-1, $"{exec}: could not start: {e.Message}");
        }

        using (process)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
                return (process.ExitCode, $"{exec} exited with {process.ExitCode}");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{exec} did not finish within {Duration.Format(timeout)}: killed");
            }
        }
    }
}
