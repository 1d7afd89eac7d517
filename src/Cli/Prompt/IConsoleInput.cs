namespace Orchestrator.Cli.Prompt;

/// <summary>Where the console's lines come from: the line editor at a terminal, or plain lines from a pipe or file.</summary>
internal interface IConsoleInput
{
    /// <summary>The next line, or null at the end of the input (Ctrl-D).</summary>
    string? ReadLine();
}
