using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// A fake Railway on loopback with one seeded project environment, an <c>orch.toml</c> targeting it, and the real
/// <c>orch</c> CLI run against it with a Railway token in the environment (and no <c>ORCH_TOKEN</c>).
/// </summary>
internal sealed class RailwayCliHarness : IAsyncDisposable
{
    private readonly OrchEnvironment _orch;

    private RailwayCliHarness(FakeRailway fake, OrchEnvironment orch)
    {
        Fake = fake;
        _orch = orch;
        Seed = fake.State.Seed("shop");
        AccountToken = fake.State.IssueAccountToken();
        ProjectToken = fake.State.IssueProjectToken(Seed);
        ConfigPath = Path.Combine(orch.Root, "orch.toml");
        WriteConfig(controlImage: "ghcr.io/acme/orch-control:1");
    }

    public FakeRailway Fake { get; }

    public FakeSeed Seed { get; }

    public string AccountToken { get; }

    public string ProjectToken { get; }

    public string ConfigPath { get; }

    /// <summary>Where scaffold writes the control token it generates: next to the config.</summary>
    public string TokenFile => Path.Combine(_orch.Root, ".orch", "railway-control-token");

    public static async Task<RailwayCliHarness> StartAsync() =>
        new(await FakeRailway.StartAsync(), OrchEnvironment.CreateWithoutDaemon());

    /// <summary>The service process <see cref="WriteConfig"/> gives the app unless told otherwise: a database with a volume.</summary>
    public const string DbService = """
        [[process]]
        id = "db"
        policy = "service"
        image = "postgres:16"
        command = "postgres -c fsync=off"
        volume = "/var/lib/postgresql/data"
        """;

    /// <summary>
    /// A Railway app with <paramref name="services"/> (default: one service process that has a volume) and
    /// <paramref name="topLevel"/> lines before its tables; its project and environment by id, or by name.
    /// </summary>
    public void WriteConfig(string controlImage, bool byName = false, string topLevel = "", string services = DbService) => File.WriteAllText(ConfigPath, $"""
        app = "shop"
        {topLevel}

        [proxy]
        listen = "0.0.0.0:8080"
        health_path = "/ping"

        [railway]
        workspace = "acme"
        {(byName ? "project = \"shop\"" : $"project_id = \"{Seed.ProjectId}\"")}
        {(byName ? "environment = \"production\"" : $"environment_id = \"{Seed.EnvironmentId}\"")}
        image = "ghcr.io/acme/shop:1"
        control_image = "{controlImage}"
        router_image = "ghcr.io/acme/orch-router:1"

        {services}
        """);

    /// <summary><c>orch railway VERB --config orch.toml …</c> with the account token as <c>RAILWAY_API_TOKEN</c>.</summary>
    public Task<CliResult> RailwayAsync(string verb, params string[] args) => RailwayWithAsync("RAILWAY_API_TOKEN", AccountToken, verb, args);

    /// <summary>As <see cref="RailwayAsync"/>, with <paramref name="token"/> in <paramref name="variable"/> and the other token variable unset.</summary>
    public Task<CliResult> RailwayWithAsync(string variable, string token, string verb, params string[] args) =>
        _orch.RunWithAsync(
            new Dictionary<string, string?>
            {
                ["RAILWAY_API_URL"] = Fake.Endpoint.ToString(),
                ["RAILWAY_API_TOKEN"] = null,
                ["RAILWAY_TOKEN"] = null,
                [variable] = token,
                ["ORCH_TOKEN"] = null,
            },
            ["railway", verb, "--config", ConfigPath, .. args]);

    /// <summary>The id of the seeded project's service of that name.</summary>
    public string ServiceId(string name) => Fake.State.ServicesOf(Seed.ProjectId).Single(service => service.Name == name).Id;

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        await _orch.DisposeAsync();
    }
}
