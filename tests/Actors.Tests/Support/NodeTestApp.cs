namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// A tiny node app and an <c>orch.toml</c> for it. <c>MODE=ok</c> answers <c>/ping</c> 200, <c>MODE=fail</c> answers
/// 500, <c>MODE=exit</c> prints a line and exits 3 before listening.
/// </summary>
internal sealed record NodeTestApp(string App, string PortRange)
{
    public const string ScriptName = "app.js";
    public const string ExitLine = "boom: cannot open the database";

    public const string Script = $$"""
        const http = require('http');
        const mode = process.env.MODE || 'ok';
        let pings = 0;
        if (mode === 'exit') {
          console.log('{{ExitLine}}');
          process.exitCode = 3;
        } else {
          http.createServer((req, res) => {
            if (req.url === '/ping') {
              // 'warming': the first probe finds it listening but not ready yet.
              const unhealthy = mode === 'fail' || (mode === 'warming' && ++pings === 1);
              res.writeHead(mode === 'fail' ? 500 : unhealthy ? 503 : 200);
              res.end(unhealthy ? 'unhealthy' : 'pong');
              return;
            }
            res.end('hello from ' + process.env.ORCH_DEPLOYMENT_ID);
          }).listen(Number(process.env.ORCH_PORT), '127.0.0.1', () => console.log('listening on ' + process.env.ORCH_PORT));
        }
        """;

    public string Mode { get; init; } = "ok";
    public string HealthTimeout { get; init; } = "15s";
    public string HealthInterval { get; init; } = "100ms";
    public string DrainTimeout { get; init; } = "30s";
    public int Keep { get; init; } = 10;

    /// <summary>More keys of the web process, one per line.</summary>
    public string WebExtra { get; init; } = "";

    /// <summary>The router's listen address: nothing binds it here, the route table is a probe.</summary>
    public string Listen { get; init; } = "127.0.0.1:39999";

    public string Toml => $$"""
        app = "{{App}}"

        [proxy]
        listen = "{{Listen}}"
        health_path = "/ping"
        drain_timeout = "{{DrainTimeout}}"
        stop_timeout = "5s"

        [[process]]
        id = "web"
        policy = "proxied"
        command = "node {{ScriptName}}"
        port = "{{PortRange}}"
        env = { MODE = "{{Mode}}" }
        health = { path = "/ping", interval = "{{HealthInterval}}", timeout = "{{HealthTimeout}}" }
        {{WebExtra}}

        [retention]
        keep = {{Keep}}
        """;
}
