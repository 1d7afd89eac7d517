using Orchestrator.Integration.Tests.Harness;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// Three real node processes on loopback sharing one real redis-server: an edge node (router only, the seed and
/// so the oldest) and two workers (router and worker). Each node's router binds the apps' listen port on its own
/// loopback address (127.0.0.1, .2 and .3) so that the three can share one machine. Like an operator, the harness
/// makes one cluster certificate with <c>orch cluster init-cert</c> and gives the same file to every node.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly string _akkaConfig;
    private readonly ClusterCertificateFixture _certificate;

    private RedisCluster(RedisServer redis, string akkaConfig, ClusterCertificateFixture certificate, OrchEnvironment edge)
    {
        _redis = redis;
        _akkaConfig = akkaConfig;
        _certificate = certificate;
        Edge = edge;
    }

    public OrchEnvironment Edge { get; }

    public List<OrchEnvironment> Workers { get; } = [];

    public static async Task<RedisCluster> StartAsync()
    {
        var redis = await RedisServer.StartAsync();
        // Decide on a crashed node in seconds instead of the production 20 s, so the failover test stays short.
        var akkaConfig = Path.Combine(Path.GetTempPath(), $"orch-cluster-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(akkaConfig, "akka.cluster.split-brain-resolver.stable-after = 3s\n");
        var certificate = await ClusterCertificateFixture.CreateAsync();
        var seedPort = FreePorts.Any();
        var edge = await OrchEnvironment.StartAsync(
            Environment(redis, akkaConfig, certificate),
            ["--cluster-port", $"{seedPort}", "--seed", $"127.0.0.1:{seedPort}", "--roles", "router"]);
        var cluster = new RedisCluster(redis, akkaConfig, certificate, edge);
        try
        {
            foreach (var listenHost in new[] { "127.0.0.2", "127.0.0.3" })
            {
                cluster.Workers.Add(await OrchEnvironment.StartAsync(
                    Environment(redis, akkaConfig, certificate),
                    ["--seed", $"127.0.0.1:{seedPort}", "--roles", "router,worker", "--listen-host", listenHost]));
            }

            // Each node's router is a process and a member of its own: three daemons and three routers.
            await Eventually.TrueAsync(
                async () =>
                {
                    var up = (await edge.ClusterAsync()).Members.Where(m => m.Status == "up").ToList();
                    return up.Count(m => m.Roles.Contains("control")) == 3 && up.Count(m => m.Roles.Contains("router")) >= 3;
                },
                "the three nodes and their three routers to be up in the cluster",
                TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deploys through <paramref name="node"/>; a failure carries every node's log, not only that node's.</summary>
    public async Task DeployOkAsync(OrchEnvironment node, TestApp app, string revision)
    {
        var result = await node.DeployAsync(app, revision);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"deploy of {revision} failed: {result}\n{Logs()}");
        }
    }

    /// <summary>The last lines every node's daemon and router logged, for a failure message.</summary>
    public string Logs() => string.Join("\n", new[] { Edge }.Concat(Workers).Select((n, i) =>
        $"--- node {i} (edge is 0) ---\n{Tail(n.ReadDaemonLog(), 60)}\n--- its router ---\n{Tail(n.ReadRouterLog(), 30)}"));

    /// <summary>The address a node's router serves <paramref name="app"/> on: the edge's is the app's own listen address.</summary>
    public static Uri RouterOf(TestApp app, int worker) => new($"http://127.0.0.{worker + 2}:{app.ListenPort}");

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        await Edge.DisposeAsync();
        await _redis.DisposeAsync();
        File.Delete(_akkaConfig);
        _certificate.Dispose();
    }

    private static string Tail(string log, int lines) => string.Join('\n', log.Split('\n').TakeLast(lines));

    private static Dictionary<string, string> Environment(RedisServer redis, string akkaConfig, ClusterCertificateFixture certificate) => new()
    {
        ["ORCH_JOURNAL"] = redis.JournalUri,
        ["ORCH_AKKA_CONFIG"] = akkaConfig,
        ["ORCH_CLUSTER_CERT"] = certificate.Path,
    };
}
