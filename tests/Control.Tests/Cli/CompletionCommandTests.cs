using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch completion bash|zsh</c>: scripts the shells accept, which ask <c>orch</c> itself what fits.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CompletionCommandTests : IDisposable
{
    private static readonly TimeSpan ShellTimeout = TimeSpan.FromMinutes(1);
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-completion-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public async Task Completion_Shell_PrintsAScriptTheShellParses(string shell)
    {
        var shellPath = $"/usr/bin/{shell}";
        Assert.True(File.Exists(shellPath), $"{shell} is not installed; apt-get install -y {shell}");
        var script = await PrintedScriptAsync(shell);

        var check = await ToolProcess.RunAsync(shellPath, ["-n", script], _directory, ShellTimeout);

        Assert.True(check.ExitCode == 0, $"{shell} -n rejects the script: {check}");
    }

    [Fact]
    public async Task Completion_UnknownShell_IsAUsageErrorNamingTheShells()
    {
        var run = await CliRun.InvokeAsync("completion", "fish");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'fish'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("bash", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("zsh", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_OrchDep_YieldsDeploy()
    {
        var run = await CliRun.InvokeAsync("[suggest:8]", "orch dep");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("deploy", run.Stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task BashCompletion_OrchDep_CallsBackIntoOrchAndOffersDeploy()
    {
        var script = await PrintedScriptAsync("bash");
        // The function calls back into the orch the user typed (COMP_WORDS[0]): here the built orch.dll under dotnet.
        var orch = Path.Combine(_directory, "orch");
        await File.WriteAllTextAsync(orch, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "orch.dll")}' \"$@\"\n");
        File.SetUnixFileMode(orch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var complete = $$"""
            source '{{script}}'
            COMP_WORDS=('{{orch}}' dep); COMP_CWORD=1; COMP_LINE="${COMP_WORDS[0]} dep"; COMP_POINT=${#COMP_LINE}
            _orch_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;

        var run = await ToolProcess.RunAsync("/usr/bin/bash", ["-c", complete], _directory, ShellTimeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["deploy", "deployments"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    private async Task<string> PrintedScriptAsync(string shell)
    {
        var run = await CliRun.InvokeAsync("completion", shell);
        Assert.Equal(0, run.ExitCode);
        var path = Path.Combine(_directory, $"orch.{shell}");
        await File.WriteAllTextAsync(path, run.Stdout);
        return path;
    }
}
