using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Orchestrator.Actors.App;
using Orchestrator.Config;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>The control API's view of the node: each call becomes a message to an app entity.</summary>
internal sealed partial class ActorControlPlane(Task<NodeActors> actors, DaemonInfo info, CancellationTokenSource shutdown) : IControlPlane
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromHours(2);
    private static readonly TimeSpan AppsWakeWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan AppsWakePoll = TimeSpan.FromMilliseconds(250);

    public DaemonInfo Info => info;

    public async IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var loaded = AppConfigLoader.Load(request.ConfigToml, request.ConfigPath);
        if (loaded.Config is not { } config)
        {
            throw new ControlPlaneException(400, $"{request.ConfigPath} has {loaded.Problems.Length} problem(s)",
                "fix them and deploy again; `orch validate` lists them", [.. loaded.Problems.Select(p => p.ToString())]);
        }

        var release = RailwayRelease.From(request.Image, request.Repo, request.Commit, request.KeepFailed);
        if (release?.Problem(config) is { } badRelease)
        {
            throw new ControlPlaneException(400, badRelease, "`orch railway deploy --help` shows how to name what a Railway deployment runs");
        }

        if (config.Railway is not null && request.DeploymentId is { } id && RailwayConfig.BaselineRoles.Contains(id))
        {
            throw new ControlPlaneException(400, $"deployment id '{id}' would name its Railway service like the app's {id} service",
                "pass another --deployment-id, or none");
        }

        CanarySpec? canary = null;
        if (request.Canary is { } canaryText && (canary = CanarySpec.Parse(canaryText, out var badCanary)) is null)
        {
            throw new ControlPlaneException(400, badCanary!, $"write {CanarySpec.Example}");
        }

        config = release?.ApplyTo(config) ?? config;
        var revision = request.Revision is { Length: > 0 } r ? r : DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss");
        // A Railway app's release is what its deployment runs, not a directory of this host.
        var releasePath = config.Railway is { } railway ? RailwayRelease.Describe(railway, release) : Path.GetFullPath(request.ReleasePath);
        await foreach (var progress in Stream(config.App, sink => new DeployApp(config.App, config, request.ConfigToml,
            Path.GetFullPath(request.ConfigPath), releasePath, revision, request.DeploymentId, sink, release, canary), cancellationToken))
        {
            yield return progress;
        }
    }

    public async IAsyncEnumerable<DeployProgress> RollbackAsync(RollbackRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var app = await ResolveAppAsync(request.App, cancellationToken);
        await foreach (var progress in Stream(app, sink => new RollbackApp(app, request.ToDeploymentId, sink), cancellationToken))
        {
            yield return progress;
        }
    }

    public async IAsyncEnumerable<DeployProgress> PromoteAsync(PromoteRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var app = await ResolveAppAsync(request.App, cancellationToken);
        await foreach (var progress in Stream(app, sink => new PromoteApp(app, sink), cancellationToken))
        {
            yield return progress;
        }
    }

    public async Task<StatusResponse> StatusAsync(string? app, CancellationToken cancellationToken)
    {
        var node = await actors;
        var journal = JournalProbe.EnsureAvailableAsync(node.System, cancellationToken);
        var known = await KnownAppsAsync(node, app, cancellationToken);
        // An app whose journal is down is not running, so it is missing from the regions: say why instead of "no apps".
        await journal;
        var apps = app is null ? known.Apps : [Resolve(app, known)];
        var now = DateTimeOffset.UtcNow;
        var routers = RouterStatuses.ForStatusAsync(node.System, cancellationToken);
        var views = await Task.WhenAll(apps.Select(a => AppStatusAsync(node, a, now, cancellationToken)));
        return new StatusResponse(
            [.. views.OrderBy(v => v.App, StringComparer.Ordinal)],
            known.Silent.IsEmpty ? null : known.Silent,
            await routers);
    }

    /// <summary>One app's status; an app that gave up or does not answer is reported as unavailable, not a failed status.</summary>
    private static async Task<AppStatus> AppStatusAsync(NodeActors node, string app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await node.Apps.Ask<object>(new GetAppStatus(app), AskTimeout, cancellationToken) switch
            {
                AppStatusView view => StatusMapper.ToContract(view, now),
                AppUnavailable unavailable => StatusMapper.Unavailable(app, unavailable.Reason),
                var other => StatusMapper.Unavailable(app, $"it answered {other.GetType().Name} instead of its status"),
            };
        }
        catch (AskTimeoutException)
        {
            return StatusMapper.Unavailable(app, $"it did not answer within {AskTimeout.TotalSeconds:0}s; see the daemon log");
        }
    }

    public async Task<CommandResult> StopAsync(StopRequest request, CancellationToken cancellationToken)
    {
        var node = await actors;
        var app = await ResolveAppAsync(request.App, cancellationToken);
        var reply = await node.Apps.Ask<AppStopReply>(new StopApp(app), StopTimeout, cancellationToken);
        return new CommandResult(true, reply.Message);
    }

    public async IAsyncEnumerable<DeployProgress> RedeployAsync(RedeployRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var app = await ResolveAppAsync(request.App, cancellationToken);
        await foreach (var progress in Stream(app, sink => new RedeployApp(app, request.DeploymentId, sink), cancellationToken))
        {
            yield return progress;
        }
    }

    public async Task<CommandResult> RemoveAsync(RemoveRequest request, CancellationToken cancellationToken)
    {
        var node = await actors;
        var app = await ResolveAppAsync(request.App, cancellationToken);
        var reply = await node.Apps.Ask<DeploymentRemoveReply>(
            new RemoveDeployment(app, request.DeploymentId, "removed by `orch railway remove`"), StopTimeout, cancellationToken);
        return reply.Ok ? new CommandResult(true, reply.Message) : throw new ControlPlaneException(409, reply.Message, reply.Hint);
    }

    public async IAsyncEnumerable<LogLine> LogsAsync(LogsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var status = await StatusAsync(await ResolveAppAsync(request.App, cancellationToken), cancellationToken);
        if (status.Apps[0].Unavailable is { } reason)
        {
            throw new ControlPlaneException(503, $"app '{status.Apps[0].App}' is unavailable: {reason}", "see the daemon log");
        }

        if (RailwayLogs.Select(status.Apps[0], request) is { } railway)
        {
            var node = await actors;
            await foreach (var line in RailwayLogs.ReadAsync(node.Railway, railway, request, cancellationToken))
            {
                yield return line;
            }

            yield break;
        }

        var files = LogFiles.Select(status.Apps[0], request);
        await foreach (var line in LogFiles.ReadAsync(files, request.Lines, request.Follow, cancellationToken))
        {
            yield return line;
        }
    }

    public async Task<RouterRestartResult> RestartRouterAsync(CancellationToken cancellationToken)
    {
        var node = await actors;
        if (node.Router is not { } router)
        {
            throw new ControlPlaneException(409, "this node runs no router (its --roles do not include router)",
                "run `orch router restart` against a node whose roles include router");
        }

        var handOver = await router.RestartAsync(cancellationToken);
        return new RouterRestartResult(handOver.Ok, handOver.Message, handOver.OldPid, handOver.NewPid);
    }

    public async Task<CommandResult> ShutdownAsync(CancellationToken cancellationToken)
    {
        var node = await actors;
        var apps = await LocalAppNamesAsync(node, cancellationToken);
        await Task.WhenAll(apps.Select(a => node.Apps.Ask<AppStopReply>(new StopApp(a), StopTimeout, cancellationToken)));
        if (node.Router is { } router)
        {
            await router.StopAsync();
        }

        _ = Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None).ContinueWith(_ => shutdown.Cancel(), TaskScheduler.Default);
        return new CommandResult(true, $"stopped {apps.Length} app(s); the daemon (pid {info.Pid}) is shutting down");
    }

    private async IAsyncEnumerable<DeployProgress> Stream(
        string app,
        Func<IActorRef, IAppCommand> command,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var node = await actors;
        // The app entity cannot take a command while its journal is down (it waits to recover, and drops what it holds
        // when recovery fails): refuse now, with the journal's error, rather than wait on it.
        await JournalProbe.EnsureAvailableAsync(node.System, cancellationToken);
        var channel = Channel.CreateUnbounded<DeployProgress>(new UnboundedChannelOptions { SingleReader = true });
        var sink = node.System.ActorOf(ProgressSink.Props(channel.Writer, app));
        node.Apps.Tell(command(sink));
        var reader = channel.Reader;
        while (await WaitToReadAsync(reader, cancellationToken))
        {
            while (reader.TryRead(out var progress))
            {
                yield return progress;
            }
        }
    }

    /// <summary>A refusal completes the channel with a <see cref="ControlPlaneException"/>; surface it as itself.</summary>
    private static async Task<bool> WaitToReadAsync(ChannelReader<DeployProgress> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (ChannelClosedException e) when (e.InnerException is ControlPlaneException refused)
        {
            throw refused;
        }
    }

    private async Task<string> ResolveAppAsync(string? app, CancellationToken cancellationToken) =>
        Resolve(app, await KnownAppsAsync(await actors, app, cancellationToken));

    /// <summary>
    /// The app entities that run. Right after the daemon starts, its remembered app entities take a few seconds to wake
    /// from the journal: an app named then is waited for (up to <see cref="AppsWakeWithin"/> of uptime) before it is
    /// said not to exist, so `orch status --app X` just after a restart shows X instead of "no app named X".
    /// </summary>
    private static async Task<ClusterApps.Answer> KnownAppsAsync(NodeActors node, string? app, CancellationToken cancellationToken)
    {
        var known = await ClusterApps.ByNodeAsync(node, AskTimeout, cancellationToken);
        while (app is not null && !known.Apps.Contains(app) && node.System.Uptime < AppsWakeWithin)
        {
            await Task.Delay(AppsWakePoll, cancellationToken);
            known = await ClusterApps.ByNodeAsync(node, AskTimeout, cancellationToken);
        }

        return known;
    }

    private static string Resolve(string? app, ClusterApps.Answer known)
    {
        var apps = known.Apps;
        var silent = known.Silent.IsEmpty
            ? ""
            : $"; node(s) {string.Join(", ", known.Silent)} did not answer, and an app there is missing until it moves to another worker (try again shortly)";
        if (app is not null)
        {
            return apps.Contains(app)
                ? app
                : throw new ControlPlaneException(404, $"no app named '{app}'",
                    (apps.IsEmpty ? "deploy one with `orch deploy`" : "apps: " + string.Join(", ", apps)) + silent);
        }

        return apps.Length switch
        {
            1 => apps[0],
            0 => throw new ControlPlaneException(404, "no app has been deployed yet", "deploy one with `orch deploy`" + silent),
            _ => throw new ControlPlaneException(400, $"{apps.Length} apps run here: {string.Join(", ", apps)}", "name one with --app NAME"),
        };
    }

    public async Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken)
    {
        var node = await actors;
        return ClusterMembers.Status(node.System, (await ClusterApps.ByNodeAsync(node, AskTimeout, cancellationToken)).ByNode);
    }

    public async Task<CommandResult> DownAsync(DownRequest request, CancellationToken cancellationToken)
    {
        var node = await actors;
        return ClusterMembers.Down(node.System, request.Address);
    }

    /// <summary>The apps this node hosts (in a cluster of one, every app).</summary>
    private static async Task<ImmutableArray<string>> LocalAppNamesAsync(NodeActors node, CancellationToken cancellationToken)
    {
        var self = Akka.Cluster.Cluster.Get(node.System).SelfAddress;
        var known = await ClusterApps.ByNodeAsync(node, AskTimeout, cancellationToken);
        return known.ByNode.TryGetValue(self, out var apps) ? apps : [];
    }

}
