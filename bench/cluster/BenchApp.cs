namespace Orchestrator.Bench.Cluster;

/// <summary>
/// The test app (<c>tests/TestApps/testapp.js</c> under node; <c>/</c> answers JSON with its revision and deployment)
/// in one release directory, with the <c>orch.toml</c> the integration tests' <c>TestApp</c> writes, a short drain
/// so the deployments a run replaces retire quickly.
/// </summary>
internal sealed record BenchApp(string App, int ListenPort, string Release)
{
    private const int PortRangeSize = 40;
    private const string Drain = "1s";

    public string Config => Path.Combine(Release, "orch.toml");

    /// <summary>Where edge router <paramref name="router"/> serves the app.</summary>
    public Uri Through(int router) => new($"http://{LoopbackCluster.ListenHost(router)}:{ListenPort}/");

    public static BenchApp Write(string root, string app)
    {
        var listen = FreePorts.Any();
        var release = Directory.CreateDirectory(Path.Combine(root, "releases", app)).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testapp.js"), Path.Combine(release, "testapp.js"), overwrite: true);
        File.WriteAllText(Path.Combine(release, "orch.toml"), $$"""
            app = "{{app}}"

            [proxy]
            listen = "127.0.0.1:{{listen}}"
            health_path = "/ping"
            health_timeout = "20s"
            drain_timeout = "{{Drain}}"
            stop_timeout = "5s"

            [[process]]
            id = "web"
            policy = "proxied"
            command = "node testapp.js"
            port = "{{FreePorts.Range(PortRangeSize)}}"
            health = { path = "/ping", interval = "100ms", timeout = "20s" }
            restart = { max_restarts = 5, window = "60s", backoff_factor = 2, max_delay = "5s" }
            """);
        return new BenchApp(app, listen, release);
    }

    /// <summary>A deploy through <paramref name="node"/> that must succeed.</summary>
    public async Task<DeployRun> DeployOkAsync(OrchNode node, string revision, CancellationToken cancellationToken)
    {
        var run = await node.DeployAsync(Config, Release, revision, cancellationToken);
        if (!run.Succeeded)
        {
            throw new InvalidOperationException($"orch deploy of {App} {revision} through {node.Name} failed: {run.Describe()}");
        }

        return run;
    }
}
