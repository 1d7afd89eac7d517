using System.Collections.Immutable;
using Orchestrator.Actors.Messaging;

namespace Orchestrator.Actors.Stacks;

/// <summary>Every command to a stack carries its name: it is the entity id.</summary>
public interface IStackCommand
{
    string Stack { get; }
}

/// <summary>One app of a stack run: what to deploy and what it waits for.</summary>
public sealed record StackRunApp(
    string App,
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string Revision,
    ImmutableArray<string> DependsOn);

/// <summary>Start a run; replies <see cref="StackRunAccepted"/>, or <see cref="StackRunRefused"/> while another run goes on.</summary>
public sealed record RunStack(string Stack, ImmutableArray<StackRunApp> Apps) : IStackCommand, IClusterMessage;

public sealed record StackRunAccepted(string Stack, string RunId) : IClusterMessage;

public sealed record StackRunRefused(string Reason, string? Hint) : IClusterMessage;

/// <summary>Replies <see cref="StackStatusView"/>.</summary>
public sealed record GetStackStatus(string Stack) : IStackCommand, IClusterMessage;

/// <summary>The stack's latest run, or none when it never ran.</summary>
public sealed record StackStatusView(string Stack, StackRun? Run) : IClusterMessage;
