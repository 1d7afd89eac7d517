using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.Releases;

/// <summary>Where a release hook runs: its working directory (the release path), its environment, its log file.</summary>
internal sealed record ReleaseHookTarget(string WorkingDirectory, ImmutableDictionary<string, string> Environment, string LogPath);

/// <summary>One line the hook wrote (stdout or stderr), as it wrote it.</summary>
internal sealed record ReleaseHookOutput(string Hook, string Line);

/// <summary>The hook ended: <paramref name="Succeeded"/> when it exited 0 in time; <paramref name="Detail"/> says how it ended.</summary>
internal sealed record ReleaseHookDone(string Hook, bool Succeeded, int? ExitCode, string Detail, ImmutableArray<string> LastLines);

/// <summary>
/// Runs a <c>[hooks]</c> command with <c>/bin/sh -c</c>, stdin from /dev/null, each output line appended to the
/// deployment's <c>hooks.log</c> and handed to <c>onLine</c> as it comes. Never throws: a command that cannot start,
/// fails or outlives its timeout (killed with its children) is a failed result.
/// </summary>
internal static class ReleaseHookRunner
{
    private const int TailLines = 20;

    public static async Task<ReleaseHookDone> RunAsync(string hook, ExecHook exec, ReleaseHookTarget target, TimeSpan timeout, Action<string> onLine, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(ProcessLauncher.ShellPath)
        {
            UseShellExecute = false,
            WorkingDirectory = target.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(exec.Command);
        foreach (var (name, value) in target.Environment)
        {
            info.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target.LogPath))!);
        await using var log = new StreamWriter(target.LogPath, append: true) { AutoFlush = true };
        var tail = new Queue<string>();
        void Record(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                log.WriteLine($"{DateTimeOffset.UtcNow:O} {hook}: {line}");
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }

            onLine(line);
        }

        ImmutableArray<string> Tail()
        {
            lock (tail)
            {
                return [.. tail];
            }
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new ReleaseHookDone(hook, false, null, $"{exec} could not start: {e.Message}", []);
        }

        using (process)
        {
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => Record(e.Data);
            process.ErrorDataReceived += (_, e) => Record(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cancellation.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                var why = cancellationToken.IsCancellationRequested ? "its deployment stopped" : $"it did not finish within {Duration.Format(timeout)}";
                return new ReleaseHookDone(hook, false, null, $"{exec} was killed: {why}", Tail());
            }

            var code = process.ExitCode;
            return new ReleaseHookDone(hook, code == 0, code, $"{exec} exited with {code}", Tail());
        }
    }
}
