using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>An <c>orch.toml</c> with <c>[railway]</c> for a project the fake seeded, and <c>[proxy]</c> on a free loopback port.</summary>
internal sealed record RailwayTestApp(string App, FakeSeed Seed, int ListenPort)
{
    public string Drain { get; init; } = "5s";
    public string HealthcheckTimeout { get; init; } = "20s";

    /// <summary>More keys of <c>[railway]</c>, one per line.</summary>
    public string RailwayExtra { get; init; } = "";

    public Uri BaseUri => new($"http://127.0.0.1:{ListenPort}");

    public string Toml => $"""
        app = "{App}"

        [proxy]
        listen = "127.0.0.1:{ListenPort}"
        health_path = "/ping"
        drain_timeout = "{Drain}"

        [railway]
        workspace = "acme"
        project_id = "{Seed.ProjectId}"
        environment_id = "{Seed.EnvironmentId}"
        healthcheck_path = "/ping"
        healthcheck_timeout = "{HealthcheckTimeout}"
        {RailwayExtra}
        """;

    /// <summary>Writes the orch.toml into a directory of its own under <paramref name="root"/>; its path.</summary>
    public string WriteConfig(string root)
    {
        var dir = Path.Combine(root, "railway-apps", App);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "orch.toml");
        File.WriteAllText(path, Toml);
        return path;
    }

    public static RailwayTestApp Create(string app, FakeSeed seed) => new(app, seed, FreePorts.Any());
}
