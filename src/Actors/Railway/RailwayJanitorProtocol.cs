using System.Collections.Immutable;

namespace Orchestrator.Actors.Railway;

/// <summary>Delete this service, retrying until Railway confirms. Replies <see cref="RailwayDeletionAccepted"/> once the request is persisted.</summary>
internal sealed record DeleteRailwayService(RailwayServiceRecord Service, string App, string DeploymentId, string Reason);

internal sealed record RailwayDeletionAccepted(string ServiceId);

/// <summary>Replies <see cref="RailwayJanitorQueue"/>.</summary>
internal sealed class GetRailwayJanitorQueue
{
    public static readonly GetRailwayJanitorQueue Instance = new();

    private GetRailwayJanitorQueue()
    {
    }
}

/// <param name="Deletions">Waiting for Railway's confirmation, with the attempts so far and the last error.</param>
internal sealed record RailwayJanitorQueue(ImmutableArray<PendingDeletion> Deletions, long CallsMade);

internal sealed record PendingDeletion(QueuedDeletion Deletion, int FailedAttempts, string? LastError);
