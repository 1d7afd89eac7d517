using System.CommandLine;
using Orchestrator.Cli.Output;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli;

/// <summary>What every verb needs: where its output goes and which daemon it talks to.</summary>
internal sealed record CliContext(ConsoleOutput Output, string SocketPath)
{
    public static CliContext From(ParseResult parseResult) => new(
        ConsoleOutput.For(parseResult.InvocationConfiguration, parseResult.GetValue(GlobalOptions.Json)),
        ResolveSocketPath(parseResult.GetValue(GlobalOptions.Control)));

    public bool Json => Output.Json;

    public ControlClient CreateClient() => new(SocketPath);

    public static string ResolveSocketPath(string? control) =>
        control is { Length: > 0 } ? Path.GetFullPath(control) : Defaults.ControlSocketPath();
}
