using System.Net.Http.Json;
using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Railway;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Config;
using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Actors.Tests.Railway;

/// <summary>
/// An app with <c>[railway]</c>, deployed by the real AppActor and DeploymentActor against the fake Railway, which runs
/// each deployment's image as the test app on a loopback address of its own.
/// </summary>
public sealed class RailwayDeploymentSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string AppName = "shop";
    private const string Image = "ghcr.io/acme/shop:1";
    private const string BrokenImage = "ghcr.io/acme/shop:broken";
    private const string CrashingImage = "ghcr.io/acme/shop:crashing";
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(60);
    private static readonly string TestAppPath = Path.Combine(AppContext.BaseDirectory, "testapp.js");

    private readonly DeploymentSandbox _sandbox = new();
    private readonly HttpClient _railwayHttp = new();
    private readonly HttpClient _appHttp = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TestProbe _routes;
    private FakeRailway _fake = null!;
    private FakeSeed _seed = null!;
    private RailwayRuntime _runtime = null!;

    public RailwayDeploymentSpec()
        : base(PersistenceConfig.InMemory())
    {
        _routes = CreateTestProbe("route-table");
        _routes.SetAutoPilot(new RouteTableStandIn());
    }

    public async Task InitializeAsync()
    {
        _fake = await FakeRailway.StartAsync();
        _seed = _fake.State.Seed("shop");
        _fake.Images.Map(Image, "node", [TestAppPath, FakeCommand.PortPlaceholder, FakeCommand.HostPlaceholder]);
        _fake.Images.MapShell(BrokenImage, "echo 'migrations: cannot reach the database' >&2; exit 3");

        // Answers Railway's health check once, stops listening and exits 1.5 s later: SUCCESS for longer than a poll, then CRASHED.
        _fake.Images.MapShell(CrashingImage,
            "node -e 'const s = require(\"http\").createServer((q, r) => r.end(\"ok\", () => { s.close(); setTimeout(() => process.exit(0), 1500); })); " +
            "s.listen(+process.env.PORT, process.env.HOST)'; " +
            "echo 'worker: lost the queue' >&2; exit 3");
        var token = RailwayToken.Account(_fake.State.IssueAccountToken());
        _runtime = new RailwayRuntime(_railwayHttp, token, _fake.Endpoint.AbsoluteUri, RailwayTimings.Default with { Poll = TimeSpan.FromMilliseconds(100) });
        _runtime.StartJanitor(Sys);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Deploy_must_create_a_service_per_deployment_route_to_its_private_domain_and_delete_it_after_the_next_deploy()
    {
        var app = StartApp();

        var first = await DeployAsync(app, "d1", Image);
        Assert.True(first.Kind == DeployProgressed.Succeeded, first.Message);
        var firstRoute = _routes.FishForMessage<ActivateRoute>(r => r.DeploymentId == "d1");
        var firstUrl = Assert.Single(firstRoute.Destinations);
        Assert.StartsWith("http://127.0.10.", firstUrl, StringComparison.Ordinal);
        var who = await _appHttp.GetFromJsonAsync<Dictionary<string, object>>(firstUrl + "/");
        Assert.Equal("d1", who!["deployment"]?.ToString());

        var service = Assert.Single(_fake.State.ServicesOf(_seed.ProjectId));
        Assert.Equal("shop-d1", service.Name);
        var settings = _fake.State.InstanceSettingsOf(service.Id, _seed.EnvironmentId);
        Assert.Equal("/ping", settings["healthcheckPath"]?.ToString());
        Assert.Single(_fake.State.DeploymentsOf(service.Id));
        Assert.Equal(
            ["Project", "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceInstanceDeployV2"],
            _fake.Calls.Select(c => c.OperationName ?? "").Where(n => n is not "Deployment" and not "VariablesForServiceDeployment").ToArray());

        var second = await DeployAsync(app, "d2", Image);
        Assert.True(second.Kind == DeployProgressed.Succeeded, second.Message);

        // d1 drains (the stand-in route table reports it idle), retires, and the janitor deletes its service.
        await AwaitAssertAsync(
            () => Assert.Equal(["shop-d2"], _fake.State.ServicesOf(_seed.ProjectId).Select(s => s.Name).ToArray()),
            DeployTimeout,
            TimeSpan.FromMilliseconds(100));
        Assert.Contains(_fake.Calls, c => c.OperationName == "ServiceDelete");
        await AwaitAssertAsync(async () => await Assert.ThrowsAnyAsync<HttpRequestException>(() => _appHttp.GetStringAsync(firstUrl + "/")), DeployTimeout);
    }

    [Fact]
    public async Task Deploy_of_an_image_that_fails_must_not_be_promoted_and_must_say_Railways_status_and_the_apps_last_lines()
    {
        var app = StartApp();
        var good = await DeployAsync(app, "d1", Image);
        Assert.True(good.Kind == DeployProgressed.Succeeded, good.Message);

        var failed = await DeployAsync(app, "d2", BrokenImage);

        Assert.Equal(DeployProgressed.Failed, failed.Kind);
        Assert.Contains("FAILED", failed.Message);
        Assert.Contains("migrations: cannot reach the database", failed.Message);
        var status = await app.Ask<AppStatusView>(new GetAppStatus(AppName), DeployTimeout);
        Assert.Equal("d1", status.ActiveDeploymentId);
        Assert.DoesNotContain(_routes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m as ActivateRoute), r => r?.DeploymentId == "d2");

        // The failed deployment's service goes; the active one's stays.
        await AwaitAssertAsync(
            () => Assert.Equal(["shop-d1"], _fake.State.ServicesOf(_seed.ProjectId).Select(s => s.Name).ToArray()),
            DeployTimeout,
            TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Deploy_of_an_image_that_crashes_after_Railways_health_check_must_fail_as_CRASHED_before_it_is_promoted()
    {
        var app = StartApp();
        var good = await DeployAsync(app, "d1", Image);
        Assert.True(good.Kind == DeployProgressed.Succeeded, good.Message);

        var crashed = await DeployAsync(app, "d2", CrashingImage, "restart_policy = \"never\"");

        Assert.Equal(DeployProgressed.Failed, crashed.Kind);
        Assert.Contains("CRASHED", crashed.Message);
        Assert.Contains("worker: lost the queue", crashed.Message);
        var status = await app.Ask<AppStatusView>(new GetAppStatus(AppName), DeployTimeout);
        Assert.Equal("d1", status.ActiveDeploymentId);
    }

    [Fact]
    public async Task Deploy_on_a_daemon_without_a_Railway_token_must_fail_naming_the_variables()
    {
        var app = Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref)), AppName);

        var failed = await DeployAsync(app, "d1", Image);

        Assert.Equal(DeployProgressed.Failed, failed.Kind);
        Assert.Contains("RAILWAY_TOKEN", failed.Message);
        Assert.Contains("RAILWAY_API_TOKEN", failed.Message);
        Assert.Empty(_fake.Calls);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            PersistenceConfig.DeleteSnapshots(Sys);
            _sandbox.Dispose();
            _railwayHttp.Dispose();
            _appHttp.Dispose();
        }
    }

    private IActorRef StartApp() =>
        Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref) with { Railway = _runtime }), AppName);

    private async Task<DeployProgressed> DeployAsync(IActorRef app, string deploymentId, string image, string railwayExtra = "")
    {
        var toml = Toml(image, railwayExtra);
        var configPath = Path.Combine(_sandbox.Release(deploymentId), Defaults.ConfigFileName);
        var loaded = AppConfigLoader.Load(toml, configPath);
        var config = loaded.Config ?? throw new InvalidOperationException(string.Join("; ", loaded.Problems));
        var progress = CreateTestProbe();
        app.Tell(new DeployApp(AppName, config, toml, configPath, Path.GetDirectoryName(configPath)!, "rev-" + deploymentId, deploymentId, progress.Ref));
        return await progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, DeployTimeout);
    }

    private string Toml(string image, string railwayExtra) => $"""
        app = "{AppName}"

        [proxy]
        listen = "127.0.0.1:18080"
        health_path = "/ping"
        drain_timeout = "5s"

        [railway]
        workspace = "acme"
        project_id = "{_seed.ProjectId}"
        environment_id = "{_seed.EnvironmentId}"
        image = "{image}"
        healthcheck_timeout = "20s"
        {railwayExtra}
        """;
}
