using Orchestrator.Integration.Tests.Harness;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// Issue 11's cluster on loopback: three worker daemons (<c>--roles worker</c>, no router of their own) and two edge
/// routers (<c>orch router --seed</c>, members with the router role alone), sharing one real redis-server and one
/// cluster certificate. Edge router <c>i</c> binds every app's port on 127.0.0.(11 + i).
/// </summary>
internal sealed class EdgeCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly string _akkaConfig;
    private readonly ClusterCertificateFixture _certificate;
    private readonly int[] _seedPorts = [FreePorts.Any(), FreePorts.Any()];

    private EdgeCluster(RedisServer redis, string akkaConfig, ClusterCertificateFixture certificate)
    {
        _redis = redis;
        _akkaConfig = akkaConfig;
        _certificate = certificate;
    }

    public List<OrchEnvironment> Workers { get; } = [];

    public List<OrchEnvironment> Routers { get; } = [];

    public IEnumerable<OrchEnvironment> Nodes => Workers.Concat(Routers);

    public static async Task<EdgeCluster> StartAsync()
    {
        var redis = await RedisServer.StartAsync();
        // Decide on a crashed or frozen node in seconds instead of the production 20 s.
        var akkaConfig = Path.Combine(Path.GetTempPath(), $"orch-edge-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(akkaConfig, "akka.cluster.split-brain-resolver.stable-after = 3s\n");
        var cluster = new EdgeCluster(redis, akkaConfig, await ClusterCertificateFixture.CreateAsync());
        try
        {
            for (var i = 0; i < 3; i++)
            {
                string[] port = i < cluster._seedPorts.Length ? ["--cluster-port", $"{cluster._seedPorts[i]}"] : [];
                cluster.Workers.Add(await OrchEnvironment.StartAsync(cluster.Environment(), [.. port, .. cluster.Seed, "--roles", "worker"]));
            }

            for (var i = 0; i < 2; i++)
            {
                cluster.Routers.Add(await OrchEnvironment.StartAsync(
                    cluster.Environment(), [.. cluster.Seed, "--listen-host", ListenHost(i)], nodeVerb: "router"));
            }

            await cluster.WaitAllUpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where edge router <paramref name="router"/> serves <paramref name="app"/>.</summary>
    public static Uri RouterOf(TestApp app, int router) => new($"http://{ListenHost(router)}:{app.ListenPort}");

    /// <summary>The nodes <see cref="WaitAllUpAsync"/> found exited and started again, as systemd would have.</summary>
    public List<string> Restarted { get; } = [];

    /// <summary>
    /// Waits until worker 0 sees all five members up and reachable. A node whose process exited meanwhile (downed by
    /// the split brain resolver, which any member may be when the cluster is slow to hear from it) is started again
    /// first, as systemd restarts it in production, so that one test's downed node does not fail the next tests.
    /// </summary>
    public async Task WaitAllUpAsync()
    {
        IReadOnlyList<string> members = [];
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    foreach (var (node, i) in Nodes.Select((n, i) => (n, i)).Where(x => x.n.DaemonPid is null).ToList())
                    {
                        Restarted.Add($"node {i} (workers 0-2, routers 3-4) at {DateTime.UtcNow:HH:mm:ss.fff}");
                        await node.StartDaemonAsync();
                    }

                    var all = (await Workers[0].ClusterAsync()).Members;
                    members = [.. all.Select(m => $"{m.Address} [{string.Join(',', m.Roles)}] {m.Status}{(m.Reachable ? "" : " unreachable")}")];
                    var up = all.Where(m => m.Status == "up" && m.Reachable).ToList();
                    return up.Count(m => m.Roles.Contains("worker")) == 3 && up.Count(m => m.Roles.SequenceEqual(["router"])) == 2;
                },
                "the three workers and the two edge routers to be up in the cluster",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{e.Message}\nmembers seen by worker 0:\n{string.Join('\n', members)}\nrestarted: {string.Join("; ", Restarted)}\n{Logs()}", e);
        }
    }

    public async Task DeployOkAsync(TestApp app, string revision, int through = 0)
    {
        var result = await Workers[through].DeployAsync(app, revision);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"deploy of {revision} failed: {result}\n{Logs()}");
        }
    }

    /// <summary>The last lines every node logged, for a failure message.</summary>
    public string Logs() => string.Join("\n", Nodes.Select((n, i) =>
        $"--- node {i} (workers 0-2, routers 3-4) ---\n{Tail(n.ReadDaemonLog(), 50)}\n--- its router ---\n{Tail(n.ReadRouterLog(), 20)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Routers.Concat(Enumerable.Reverse(Workers)))
        {
            await node.DisposeAsync();
        }

        await _redis.DisposeAsync();
        File.Delete(_akkaConfig);
        _certificate.Dispose();
    }

    /// <summary>
    /// Two seeds: a seed restarted after it was downed joins the other one instead of founding a cluster of its own
    /// (a first seed that hears from no other seed joins itself).
    /// </summary>
    private string[] Seed => [.. _seedPorts.SelectMany(p => new[] { "--seed", $"127.0.0.1:{p}" })];

    private static string ListenHost(int router) => $"127.0.0.{11 + router}";

    private static string Tail(string log, int lines) => string.Join('\n', log.Split('\n').TakeLast(lines));

    private Dictionary<string, string> Environment() => new()
    {
        ["ORCH_JOURNAL"] = _redis.JournalUri,
        ["ORCH_AKKA_CONFIG"] = _akkaConfig,
        ["ORCH_CLUSTER_CERT"] = _certificate.Path,
    };
}
