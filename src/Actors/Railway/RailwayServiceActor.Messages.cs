using System.Collections.Immutable;
using Orchestrator.Railway;

namespace Orchestrator.Actors.Railway;

/// <summary>What the actor tells itself: Railway's answers, piped back, and its timers.</summary>
internal sealed partial class RailwayServiceActor
{
    private sealed record Created(RailwayServiceRecord Service, string? EnvServiceId);

    private sealed record Deployed(string RailwayDeploymentId);

    private sealed record StatusRead(DeploymentStatus Status);

    private sealed record DomainRead(string? PrivateDomain);

    private sealed record StuckIn(DeploymentStatus Status, TimeSpan Limit, string Advice);

    private sealed record CallFailed(string What, Exception Error);

    private sealed record JanitorUnreachable(string Reason);

    private sealed record Logs(string Reason, ImmutableArray<string> Lines);

    private sealed class PollTick
    {
        public static readonly PollTick Instance = new();
    }

    private sealed class PollKey
    {
        public static readonly PollKey Instance = new();
    }

    private sealed class StuckKey
    {
        public static readonly StuckKey Instance = new();
    }

    private sealed class JanitorKey
    {
        public static readonly JanitorKey Instance = new();
    }

    private sealed class RetryJanitor
    {
        public static readonly RetryJanitor Instance = new();
    }
}
