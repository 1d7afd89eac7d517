namespace Orchestrator.Integration.Tests.Harness;

/// <summary>A release directory holding the test app and an <c>orch.toml</c> for it.</summary>
internal sealed record TestApp(string App, int ListenPort, string PortRange)
{
    public string Drain { get; init; } = "30s";
    public string HealthTimeout { get; init; } = "20s";
    public string Environment { get; init; } = "";
    public string Restart { get; init; } = "{ max_restarts = 5, window = \"60s\", backoff_factor = 2, max_delay = \"5s\" }";
    public string Command { get; init; } = "node testapp.js";
    public string ExtraProcesses { get; init; } = "";

    /// <summary>More keys of <c>[proxy]</c>, one per line.</summary>
    public string ProxyExtra { get; init; } = "";

    /// <summary>Top-level keys after <c>app</c>, such as <c>placement = { replicas = 2 }</c>.</summary>
    public string TopLevel { get; init; } = "";

    /// <summary>More keys of the web process's inline health table, each starting with ", ".</summary>
    public string HealthExtra { get; init; } = "";

    /// <summary>More keys of the web process, one per line.</summary>
    public string WebExtra { get; init; } = "";

    public Uri BaseUri => new($"http://127.0.0.1:{ListenPort}");

    public static TestApp Create(string app) => new(app, FreePorts.Any(), FreePorts.Range());

    public string Toml => $$"""
        app = "{{App}}"
        {{TopLevel}}

        [proxy]
        listen = "127.0.0.1:{{ListenPort}}"
        health_path = "/ping"
        health_timeout = "{{HealthTimeout}}"
        drain_timeout = "{{Drain}}"
        stop_timeout = "5s"
        {{ProxyExtra}}

        [[process]]
        id = "web"
        policy = "proxied"
        command = "{{Command}}"
        port = "{{PortRange}}"
        env = { {{Environment}} }
        health = { path = "/ping", interval = "100ms", timeout = "{{HealthTimeout}}"{{HealthExtra}} }
        restart = {{Restart}}
        {{WebExtra}}
        {{ExtraProcesses}}
        """;

    /// <summary>Writes the release (test app + orch.toml) into a new directory under <paramref name="root"/>.</summary>
    public string WriteRelease(string root, string name)
    {
        var dir = Path.Combine(root, "releases", App, name);
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testapp.js"), Path.Combine(dir, "testapp.js"), overwrite: true);
        File.WriteAllText(Path.Combine(dir, "orch.toml"), Toml);
        return dir;
    }
}
