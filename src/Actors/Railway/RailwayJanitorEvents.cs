using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.Railway;

/// <summary>A service the janitor deletes, retrying until Railway confirms it.</summary>
public sealed record QueuedDeletion(RailwayServiceRecord Service, string App, string DeploymentId, string Reason, DateTimeOffset QueuedAt);

public sealed record RailwayDeletionRequested(QueuedDeletion Deletion) : IPersistedEvent;

/// <summary>Railway confirmed the service is gone (deleted now, or not found: deleted before).</summary>
public sealed record RailwayServiceDeleted(string ServiceId, DateTimeOffset At) : IPersistedEvent;
