namespace Orchestrator.Cli.Prompt;

/// <summary>Lines read as they are, without prompt or echo, so that <c>printf 'cluster show\n' | orch console</c> is a script.</summary>
internal sealed class PipedLines(TextReader input) : IConsoleInput
{
    public string? ReadLine() => input.ReadLine();
}
