namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Issue 11's cluster on loopback, as <c>tests/Integration.Tests/Cluster/EdgeCluster.cs</c> starts it: one real
/// redis-server, one certificate from <c>orch cluster init-cert</c>, worker daemons (<c>--roles worker</c>, the first
/// two on fixed ports as seeds) and edge routers (<c>orch router --seed</c>); edge router <c>i</c> serves every app on
/// 127.0.0.(11 + i). <paramref name="akkaConfig"/>, when given, reaches every node as <c>ORCH_AKKA_CONFIG</c>.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly RedisProcess _redis;
    private readonly string _certificate;
    private readonly string? _akkaConfig;
    private readonly int[] _seedPorts = [FreePorts.Any(), FreePorts.Any()];

    private LoopbackCluster(string root, RedisProcess redis, string certificate, string? akkaConfig)
    {
        _root = root;
        _redis = redis;
        _certificate = certificate;
        _akkaConfig = akkaConfig;
    }

    public string Root => _root;

    public List<OrchNode> Workers { get; } = [];

    public List<OrchNode> Routers { get; } = [];

    public IEnumerable<OrchNode> Nodes => Workers.Concat(Routers);

    public static string ListenHost(int router) => $"127.0.0.{11 + router}";

    public static async Task<LoopbackCluster> StartAsync(string root, int workers, int routers, string? akkaConfig, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var redis = await RedisProcess.StartAsync(root, cancellationToken);
        LoopbackCluster? cluster = null;
        try
        {
            var certificate = Path.Combine(root, "cluster.pem");
            await using (var tool = new OrchNode("init-cert", root, new Dictionary<string, string>(), []))
            {
                var made = await tool.RunAsync(cancellationToken, "cluster", "init-cert", certificate);
                if (made.ExitCode != 0)
                {
                    throw new InvalidOperationException($"orch cluster init-cert exited {made.ExitCode}: {made.Stdout}{made.Stderr}");
                }
            }

            cluster = new LoopbackCluster(root, redis, certificate, akkaConfig);
            for (var i = 0; i < workers; i++)
            {
                await cluster.AddWorkerAsync(cancellationToken);
            }

            for (var i = 0; i < routers; i++)
            {
                await cluster.AddRouterAsync(cancellationToken);
            }

            await cluster.WaitAllUpAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            if (cluster is null)
            {
                await redis.DisposeAsync();
            }
            else
            {
                await cluster.DisposeAsync();
            }

            throw;
        }
    }

    public async Task AddWorkerAsync(CancellationToken cancellationToken)
    {
        var i = Workers.Count;
        string[] port = i < _seedPorts.Length ? ["--cluster-port", $"{_seedPorts[i]}"] : [];
        var node = new OrchNode($"worker-{i}", _root, Environment(),
            ["daemon", "--roles", "worker", "--journal", _redis.JournalUri, .. ClusterArguments, .. port]);
        Workers.Add(node);
        Progress.Say($"starting {node.Name}");
        await node.StartAsync(cancellationToken);
    }

    public async Task AddRouterAsync(CancellationToken cancellationToken)
    {
        var i = Routers.Count;
        var node = new OrchNode($"router-{i}", _root, Environment(), ["router", .. ClusterArguments, "--listen-host", ListenHost(i)]);
        Routers.Add(node);
        Progress.Say($"starting {node.Name} (edge router on {ListenHost(i)})");
        await node.StartAsync(cancellationToken);
    }

    /// <summary>Every running worker and edge router up and reachable, as the first worker still running sees the cluster.</summary>
    public async Task WaitAllUpAsync(CancellationToken cancellationToken)
    {
        var workers = Workers.Count(w => w.Running);
        var routers = Routers.Count(r => r.Running);
        var observer = Workers.First(w => w.Running);
        await Poll.UntilAsync(
            async () =>
            {
                var up = (await observer.ClusterAsync(cancellationToken)).Members.Where(m => m.Status == "up" && m.Reachable).ToList();
                return up.Count(m => m.Roles.Contains("worker")) == workers && up.Count(m => m.Roles.SequenceEqual(["router"])) == routers;
            },
            $"{workers} workers and {routers} edge routers to be up and reachable",
            BenchSettings.ClusterUpTimeout,
            cancellationToken);
    }

    /// <summary>The last lines of every node's log, for a failure message.</summary>
    public string Logs(int lines = 15) => string.Join('\n', Nodes.Select(n => $"--- {n.Name} ({n.Log}) ---\n{n.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Routers.Concat(Enumerable.Reverse(Workers)))
        {
            await node.DisposeAsync();
        }

        // App processes of a SIGKILLed worker and the orch-router processes of the edge routers outlive their node.
        Leftovers.KillUnder(_root);
        await _redis.DisposeAsync();
    }

    private string[] ClusterArguments =>
        ["--cluster-cert", _certificate, .. _seedPorts.SelectMany(p => new[] { "--seed", $"127.0.0.1:{p}" })];

    private Dictionary<string, string> Environment() =>
        _akkaConfig is null ? [] : new Dictionary<string, string> { ["ORCH_AKKA_CONFIG"] = _akkaConfig };
}
