using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Bench.Railway;
using Orchestrator.Railway.Fake;

// What a Railway deploy costs: API calls per deploy by operation, Railway's SUCCESS to traffic switched through our
// router, and the janitor's calls while idle; against the fake Railway on loopback with the real daemon, router and CLI.
// Markdown to stdout, progress to stderr.
var deploys = Setting("BENCH_RAILWAY_DEPLOYS", 5);
var idle = TimeSpan.FromSeconds(Setting("BENCH_RAILWAY_IDLE_SECONDS", 60));
var root = Directory.CreateTempSubdirectory("railway-bench-").FullName;
var testApp = Path.Combine(AppContext.BaseDirectory, "testapp.js");

await using var fake = await FakeRailway.StartAsync();
var seed = fake.State.Seed("bench");
var listen = FreePort();
var config = Path.Combine(root, "orch.toml");
File.WriteAllText(config, $"""
    app = "bench"

    [proxy]
    listen = "127.0.0.1:{listen}"
    health_path = "/ping"
    drain_timeout = "1s"

    [railway]
    workspace = "bench"
    project_id = "{seed.ProjectId}"
    environment_id = "{seed.EnvironmentId}"
    healthcheck_timeout = "30s"
    """);

await using var orch = new OrchProcesses(root, new Dictionary<string, string>
{
    ["RAILWAY_API_TOKEN"] = fake.State.IssueAccountToken(),
    ["RAILWAY_API_URL"] = fake.Endpoint.AbsoluteUri,
});
Progress($"starting the daemon in {root}");
await orch.StartDaemonAsync();
await using var watch = new RouterWatch(new Uri($"http://127.0.0.1:{listen}/"));

var samples = new List<DeploySample>();
for (var i = 0; i <= deploys; i++)
{
    var id = $"d{i}";
    var image = $"bench.test/app:v{i}";
    fake.Images.Map(image, "node", [testApp, FakeCommand.PortPlaceholder, FakeCommand.HostPlaceholder]);
    var before = fake.Calls.Count;
    var (exitCode, output) = await orch.RunAsync("railway", "deploy", "--image", image, "--config", config, "--deployment-id", id);
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"orch railway deploy of {image} exited {exitCode}:\n{output}\nsee {orch.DaemonLog}");
    }

    var service = fake.State.ServicesOf(seed.ProjectId).Single(s => s.Name == $"bench-{id}");
    var deployment = fake.State.DeploymentsOf(service.Id).Single();
    var calls = fake.Calls.Skip(before)
        .Where(c => c.Variables.Contains(seed.ProjectId, StringComparison.Ordinal)
            || c.Variables.Contains(service.Id, StringComparison.Ordinal)
            || c.Variables.Contains(deployment.Id, StringComparison.Ordinal))
        .ToList();
    var requested = calls.First(c => c.OperationName == "ServiceInstanceDeployV2").At;
    var success = fake.State.StatusChangesOf(deployment.Id).First(c => c.Status == "SUCCESS").At;
    var switched = await FirstAnswerAsync(watch, id);
    var sample = new DeploySample(
        calls.GroupBy(c => c.OperationName ?? "(none)").ToImmutableDictionary(g => g.Key, g => g.Count()),
        success - requested,
        switched - success);
    Progress($"{id}: {sample.Calls} calls, deployV2 to SUCCESS {sample.RequestedToSuccess.TotalMilliseconds:0} ms, SUCCESS to switched {sample.SuccessToSwitched.TotalMilliseconds:0} ms{(i == 0 ? " (warm-up, not counted)" : "")}");
    if (i > 0)
    {
        samples.Add(sample);
    }
}

// Every drained service deleted: from now on nothing drains, and the janitor has nothing to do.
var last = $"bench-d{deploys}";
var drainedBy = DateTime.UtcNow + TimeSpan.FromSeconds(60);
while (fake.State.ServicesOf(seed.ProjectId).Any(s => s.Name != last))
{
    if (DateTime.UtcNow > drainedBy)
    {
        throw new InvalidOperationException($"the drained services were not deleted within 60 s; see {orch.DaemonLog}");
    }

    await Task.Delay(100);
}

var deletes = fake.Calls.Count(c => c.OperationName == "ServiceDelete");
Progress($"all {deletes} drained services deleted; counting calls over {idle.TotalSeconds:0} s idle");
var idleFrom = fake.Calls.Count;
await Task.Delay(idle);
var idleCalls = fake.Calls.Count - idleFrom;

// Every deploy but the last one was drained and deleted: one serviceDelete each, if the janitor never had to retry.
Console.Write(BenchReport.Markdown(samples, deletes / (double)deploys, idleCalls, idle, watch.Failures, watch.LastFailure));
Directory.Delete(root, recursive: true);
return 0;

static async Task<DateTimeOffset> FirstAnswerAsync(RouterWatch watch, string deploymentId)
{
    var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
    while (DateTime.UtcNow < giveUp)
    {
        if (watch.FirstAnswerFrom(deploymentId) is { } at)
        {
            return at;
        }

        await Task.Delay(10);
    }

    throw new InvalidOperationException($"the router never answered from {deploymentId}");
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static void Progress(string message) => Console.Error.WriteLine($"[railway-bench] {message}");
