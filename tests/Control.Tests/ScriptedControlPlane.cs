using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Tests;

/// <summary>Stands in for the actor system: answers each call with what the test scripted, and records the requests.</summary>
internal sealed partial class ScriptedControlPlane : IControlPlane
{
    public static readonly DaemonInfo DefaultInfo = new(4242, "0.0.0-test", "/tmp/orch-test-state", DateTimeOffset.UnixEpoch);

    public DaemonInfo Info { get; init; } = DefaultInfo;

    public Func<DeployRequest, IEnumerable<DeployProgress>> Deploy { get; init; } = _ => [Succeeded("deployed")];

    public Func<RollbackRequest, IEnumerable<DeployProgress>> Rollback { get; init; } = _ => [Succeeded("rolled back")];

    public Func<PromoteRequest, IEnumerable<DeployProgress>> Promote { get; init; } = _ => [Succeeded("promoted")];

    public Func<string?, StatusResponse> Status { get; init; } = _ => new StatusResponse([]);

    public Func<StopRequest, CommandResult> Stop { get; init; } = request => new CommandResult(true, $"stopped {request.App}");

    public Func<LogsRequest, IEnumerable<LogLine>> Logs { get; init; } = _ => [];

    public ConcurrentQueue<object> Requests { get; } = new();

    public TaskCompletionSource ShutdownCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static DeployProgress Step(string message) => new(ProgressKinds.Step, message, DateTimeOffset.UtcNow, "web-app", "web-app-1", "starting");

    public static DeployProgress Succeeded(string message) => new(ProgressKinds.Succeeded, message, DateTimeOffset.UtcNow, "web-app", "web-app-1", "active");

    public static DeployProgress Failed(string message) => new(ProgressKinds.Failed, message, DateTimeOffset.UtcNow, "web-app", "web-app-1", "failed");

    public IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield(() => Deploy(request), cancellationToken);
    }

    public IAsyncEnumerable<DeployProgress> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield(() => Rollback(request), cancellationToken);
    }

    public IAsyncEnumerable<DeployProgress> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield(() => Promote(request), cancellationToken);
    }

    public Task<StatusResponse> StatusAsync(string? app, CancellationToken cancellationToken) => Task.FromResult(Status(app));

    public Task<CommandResult> StopAsync(StopRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Stop(request));
    }

    public IAsyncEnumerable<DeployProgress> RedeployAsync(RedeployRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield<DeployProgress>(() => [Succeeded("redeployed")], cancellationToken);
    }

    public Task<CommandResult> RemoveAsync(RemoveRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new CommandResult(true, $"removed {request.DeploymentId}"));
    }

    public Task<RailwayStatusResponse> RailwayStatusAsync(RailwayStatusRequest request, CancellationToken cancellationToken) =>
        throw new ControlPlaneException(409, "the scripted plane has no Railway app");

    public IAsyncEnumerable<LogLine> LogsAsync(LogsRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield(() => Logs(request), cancellationToken);
    }

    public Task<CommandResult> ShutdownAsync(CancellationToken cancellationToken)
    {
        ShutdownCalled.TrySetResult();
        return Task.FromResult(new CommandResult(true, "bye"));
    }

    public Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken) => Task.FromResult(SampleCluster());

    public Task<RouterRestartResult> RestartRouterAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RouterRestartResult(true, "router pid 2 serves; pid 1 stopped accepting and drains its open connections", 1, 2));

    public Task<CommandResult> DownAsync(DownRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new CommandResult(true, $"{request.Address} is marked down"));

    public static ClusterStatus SampleCluster() => new(
        "akka.tcp://orch@127.0.0.1:4053",
        "akka.tcp://orch@127.0.0.1:4053",
        "akka.tcp://orch@127.0.0.1:4053",
        [
            new ClusterMember("akka.tcp://orch@127.0.0.1:4053", "up", ["router", "worker"], true, ["web-app"]),
            new ClusterMember("akka.tcp://orch@127.0.0.1:4054", "up", ["router"], false, null),
        ]);

    public static StatusResponse SampleStatus() => new(
    [
        new AppStatus(
            "web-app",
            "akka.tcp://orch@127.0.0.1:4053",
            "127.0.0.1:8182",
            "web-app-1",
            false,
            [],
            [
                new DeploymentStatus(
                    "web-app-1", "web-app", "abc123", "Active", "/srv/release", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null,
                    ImmutableDictionary<string, int>.Empty.Add("web", 18001),
                    new ConnectionStatus(2, 1, 0),
                    [new ProcessStatus("web", "proxied", 1234, "Running", 0, null, null, DateTimeOffset.UtcNow, 65, null)],
                    null),
            ]),
    ]);

    // Evaluates the script lazily, on the first MoveNext: a script that throws does so where a real plane would.
    private static async IAsyncEnumerable<T> Yield<T>(Func<IEnumerable<T>> script, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var item in script())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
