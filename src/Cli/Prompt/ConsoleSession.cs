using System.CommandLine;
using System.CommandLine.Parsing;
using Orchestrator.Cli.HandOff;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli.Prompt;

/// <summary>
/// <c>orch console</c>: reads a line, parses it with the same command tree as <c>orch</c> (<see cref="OrchCli.Root"/>)
/// and runs it against the connected node, so every verb works here and none is written twice. The console's own
/// words are <c>connect ADDRESS</c>, <c>help [VERB]</c>, and <c>exit</c>/<c>quit</c>.
/// </summary>
internal sealed class ConsoleSession(IConsoleInput input, InvocationConfiguration configuration, string? control, bool json, bool isScript = true)
{
    public const string Prompt = "orch> ";

    /// <summary>The words the console understands itself, for completion.</summary>
    public static readonly IReadOnlyList<string> ConsoleWords = ["connect", "exit", "help", "quit"];

    private TextWriter Out => configuration.Output;

    private TextWriter Error => configuration.Error;

    /// <summary>
    /// Runs until exit, quit or the end of the input. Returns 0, or when the input is a script, the exit code of the last
    /// line that failed, so a script's caller sees that something did.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var exitCode = await RunLinesAsync(cancellationToken);
        return isScript ? exitCode : OrchCli.Success;
    }

    private async Task<int> RunLinesAsync(CancellationToken cancellationToken)
    {
        var exitCode = OrchCli.Success;
        while (!cancellationToken.IsCancellationRequested && input.ReadLine() is { } line)
        {
            var words = CommandLineParser.SplitCommandLine(line).ToList();
            if (words is ["orch", ..])
            {
                words.RemoveAt(0);
            }

            switch (words)
            {
                case []:
                    continue;
                case ["exit" or "quit"]:
                    return exitCode;
                case ["help", .. var verb]:
                    words = [.. verb, "--help"];
                    break;
                case ["connect", ..]:
                    exitCode = Connect(words) is var connected and not OrchCli.Success ? connected : exitCode;
                    continue;
            }

            var ran = await RunLineAsync(words, cancellationToken);
            exitCode = ran == OrchCli.Success ? exitCode : ran;
        }

        return exitCode;
    }

    private async Task<int> RunLineAsync(List<string> words, CancellationToken cancellationToken)
    {
        if (words is ["console", ..])
        {
            await Error.WriteLineAsync("error: this is the console already");
            return OrchCli.UsageError;
        }

        if (HandedOverVerbs.ExecutableFor(words) is { } executable)
        {
            await Error.WriteLineAsync($"error: `orch {words[0]}` runs {executable} in the foreground; run it from a shell, not the console");
            return OrchCli.UsageError;
        }

        if (control is not null && !words.Any(w => w == "--control" || w.StartsWith("--control=", StringComparison.Ordinal)))
        {
            words.AddRange(["--control", control]);
        }

        if (json && !words.Contains("--json"))
        {
            words.Add("--json");
        }

        // Ctrl-C ends the running verb (a tail, a followed log) and comes back to the prompt.
        using var interrupt = CtrlC.Cancels(cancellationToken);
        return await OrchCli.InvokeAsync([.. words], configuration, interrupt.Token);
    }

    /// <summary><c>connect</c> names the node lines go to; <c>connect ADDRESS</c> switches to another (a socket path or http://HOST:PORT).</summary>
    private int Connect(List<string> words)
    {
        if (words is not [_, var address])
        {
            Out.WriteLine(words.Count == 1
                ? $"connected to {CliContext.ResolveEndpoint(control)}"
                : "usage: connect ADDRESS (a control socket path, or http://HOST:PORT of a daemon's --control-listen with $ORCH_TOKEN)");
            return words.Count == 1 ? OrchCli.Success : OrchCli.UsageError;
        }

        ControlEndpoint endpoint;
        try
        {
            endpoint = CliContext.ResolveEndpoint(address);
        }
        catch (FormatException ex)
        {
            Error.WriteLine($"error: {ex.Message}");
            return OrchCli.UsageError;
        }

        control = address;
        Out.WriteLine($"connected to {endpoint}");
        return OrchCli.Success;
    }
}
