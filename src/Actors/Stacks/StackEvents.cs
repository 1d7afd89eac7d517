using System.Collections.Immutable;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.Stacks;

/// <summary>A run began with these apps, in the stack file's order.</summary>
public sealed record StackRunStarted(string RunId, ImmutableArray<StackRunApp> Apps, DateTimeOffset At) : IPersistedEvent;

/// <summary>An app's deploy was sent to its app entity under this deployment id (again, after a restart cut the first short).</summary>
public sealed record StackAppDeployStarted(string RunId, string App, string DeploymentId, DateTimeOffset At) : IPersistedEvent;

/// <summary>The app's deployment of this run went active.</summary>
public sealed record StackAppDeploySucceeded(string RunId, string App, string DeploymentId, DateTimeOffset At) : IPersistedEvent;

/// <summary>The app's deploy failed or was refused; the run starts nothing more.</summary>
public sealed record StackAppDeployFailed(string RunId, string App, string? DeploymentId, string Reason, DateTimeOffset At) : IPersistedEvent;

/// <summary>Nothing of the run is in flight any more; <paramref name="Outcome"/> is <see cref="StackRun.Succeeded"/> or <see cref="StackRun.Failed"/>.</summary>
public sealed record StackRunEnded(string RunId, string Outcome, DateTimeOffset At) : IPersistedEvent;
