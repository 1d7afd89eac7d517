using System.CommandLine;
using Orchestrator.Cli.Output;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli;

/// <summary>What every verb needs: where its output goes and which daemon it talks to.</summary>
internal sealed record CliContext(ConsoleOutput Output, ControlEndpoint Endpoint)
{
    public static CliContext From(ParseResult parseResult) => new(
        ConsoleOutput.For(parseResult.InvocationConfiguration, parseResult.GetValue(GlobalOptions.Json)),
        ResolveEndpoint(parseResult.GetValue(GlobalOptions.Control)));

    public bool Json => Output.Json;

    public ControlClient CreateClient() => new(Endpoint);

    /// <summary>--control, else <c>$ORCH_CONTROL</c>, else the socket in the state directory; a remote one takes <c>$ORCH_TOKEN</c>.</summary>
    public static ControlEndpoint ResolveEndpoint(string? control) => ControlEndpoint.Parse(
        control is { Length: > 0 } ? control
            : Environment.GetEnvironmentVariable(Defaults.ControlEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Defaults.ControlSocketPath(),
        Environment.GetEnvironmentVariable(ControlEndpoint.TokenEnvironmentVariable));
}
