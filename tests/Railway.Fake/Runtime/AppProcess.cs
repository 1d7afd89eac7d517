using System.Diagnostics;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>
/// One run of a deployment's command: its environment is the deployment's variables and nothing of the test host's
/// but <c>PATH</c> and <c>HOME</c>, as a container sees only its own; every line it writes goes to <c>onLine</c>.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME"];
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;

    private AppProcess(Process process)
    {
        _process = process;
        Exited = ExitCodeAsync(process);
    }

    /// <summary>Completes with the exit code once the process has exited and its output is read.</summary>
    public Task<int> Exited { get; }

    /// <exception cref="System.ComponentModel.Win32Exception">The command cannot be started.</exception>
    /// <param name="onLine">Each line of output, and whether it came from stderr.</param>
    public static AppProcess Start(FakeCommand command, IReadOnlyDictionary<string, string> environment, Action<string, bool> onLine)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
                info.Environment[name] = value;
        }
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                onLine(line.Data, false);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                onLine(line.Data, true);
        };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process);
    }

    /// <summary>SIGTERM, then SIGKILL to the whole tree once <paramref name="grace"/> has passed, as Railway stops a container.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!Exited.IsCompleted)
        {
            PosixSignal.Terminate(_process.Id);
            if (grace > TimeSpan.Zero)
                await Task.WhenAny(Exited, Task.Delay(grace));
        }
        await KillAsync();
    }

    /// <summary>SIGKILL to the whole tree, and the wait until it is gone (bounded).</summary>
    public async Task KillAsync()
    {
        Kill();
        await Task.WhenAny(Exited, Task.Delay(KillWait));
    }

    /// <summary>SIGKILL to the process and every child it started.</summary>
    public void Kill()
    {
        if (Exited.IsCompleted)
            return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static async Task<int> ExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
