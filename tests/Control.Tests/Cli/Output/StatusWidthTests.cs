using System.Collections.Immutable;
using Orchestrator.Cli.Output;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Output;

/// <summary><c>orch status</c> at the terminal's width: nothing wraps at 80 columns, and <c>--wide</c> shows every column.</summary>
public sealed class StatusWidthTests
{
    private const int Columns = 80;

    private static readonly string[] DeploymentHeaders = ["deployment", "revision", "state", "created", "activated", "drain started", "ports", "http", "ws", "requests"];
    private static readonly string[] ProcessHeaders = ["deployment", "process", "policy", "pid", "state", "health", "restarts", "exit", "uptime"];

    [Fact]
    public void Status_At80Columns_NoLineIsWiderAndTheKeyColumnsStay()
    {
        var lines = Render(RealisticStatus(), Columns, wide: false);

        Assert.All(lines, line => Assert.True(line.Length <= Columns, $"{line.Length} columns: {line}"));
        var heading = lines.FindIndex(line => line.StartsWith("── checkout-service-eu-west", StringComparison.Ordinal));
        Assert.True(heading >= 0, "no heading for checkout-service-eu-west");
        var deploymentsHeader = Headers(lines[heading + 1]);
        Assert.Equal("deployment", deploymentsHeader[0]);
        Assert.Contains("state", deploymentsHeader);
        Assert.Contains(lines, line => line.Contains("checkout-service-eu-west-241204-193012", StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("checkout-service-eu-west-241203-081500", StringComparison.Ordinal) && line.Contains("draining", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("billing-worker-241201-120000", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal));
        Assert.True(deploymentsHeader.Count < DeploymentHeaders.Length, "at 80 columns the least important columns go: " + lines[heading + 1]);
    }

    [Fact]
    public void Status_Wide_ShowsEveryColumnHeader()
    {
        var lines = Render(RealisticStatus(), Columns, wide: true);

        var headers = lines.Where(line => line.TrimStart().StartsWith("deployment ", StringComparison.Ordinal)).Select(Headers).ToList();
        Assert.Contains(headers, h => DeploymentHeaders.All(h.Contains));
        Assert.Contains(headers, h => ProcessHeaders.All(h.Contains));
        Assert.Contains(lines, line => line.Length > Columns);
    }

    [Fact]
    public void Status_NoWidth_PrintsWholeLinesAsInAPipe()
    {
        var lines = Render(RealisticStatus(), width: null, wide: false);

        var headers = lines.Where(line => line.TrimStart().StartsWith("deployment ", StringComparison.Ordinal)).Select(Headers).ToList();
        Assert.Contains(headers, h => DeploymentHeaders.All(h.Contains));
        Assert.Contains(lines, line => line.Contains("node akka.ssl.tcp://orch@10.0.12.7:40183", StringComparison.Ordinal));
    }

    /// <summary>The header cells of a table line: two or more blanks separate them ("drain started" is one).</summary>
    private static List<string> Headers(string line) =>
        [.. System.Text.RegularExpressions.Regex.Split(line.Trim(), " {2,}")];

    private static List<string> Render(StatusResponse status, int? width, bool wide)
    {
        using var stdout = new StringWriter();
        new ConsoleOutput(stdout, TextWriter.Null, interactive: false, json: false, width).Status(status, wide);
        return [.. stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];
    }

    private static StatusResponse RealisticStatus()
    {
        var now = new DateTimeOffset(2026, 12, 4, 19, 30, 12, TimeSpan.Zero);
        var router = new RouterProcessStatus(
            "akka.ssl.tcp://orch@10.0.12.7:40183", 7507, ["http://0.0.0.0:8080", "http://0.0.0.0:8443"], now.AddHours(-3),
            ImmutableDictionary<string, long>.Empty.Add("checkout-service-eu-west", 42).Add("billing-worker", 7),
            ImmutableDictionary<string, string>.Empty, Draining: false);
        var checkout = "checkout-service-eu-west";
        var active = Deployment(checkout, $"{checkout}-241204-193012", "3f9c2a1b7d4e", "active", now, now.AddSeconds(9), null, 8124, 310, 12, 918_221);
        var draining = Deployment(checkout, $"{checkout}-241203-081500", "a41d0c9e2f17", "draining", now.AddDays(-1), now.AddDays(-1).AddSeconds(8), now.AddSeconds(9), 8123, 4, 2, 12_004_118);
        var failed = Deployment("billing-worker", "billing-worker-241201-120000", "77be01c3aa90", "failed", now.AddDays(-3), null, null, 9001, 0, 0, 0) with
        {
            FailureReason = "health check never passed: GET http://127.0.0.1:9001/healthz answered 503 for 60s",
        };
        var billingActive = Deployment("billing-worker", "billing-worker-241130-090000", "19aa7c2d5e03", "active", now.AddDays(-4), now.AddDays(-4), null, 9000, 2, 0, 55_310);
        var redis = new ProcessStatus("redis", "service", 3101, "running", 0, null, null, now.AddDays(-9), 777_600, "/var/lib/orch/logs/redis.log", Health: "healthy");
        return new StatusResponse(
            [
                new AppStatus(checkout, "node-1", "http://0.0.0.0:8080 (checkout.example.com)", active.Id, DeployInProgress: true, [redis], [active, draining]),
                new AppStatus("billing-worker", "node-1", "http://0.0.0.0:8443", billingActive.Id, DeployInProgress: false, [], [billingActive, failed]),
            ],
            Routers: [router]);
    }

    private static DeploymentStatus Deployment(
        string app, string id, string revision, string state, DateTimeOffset created, DateTimeOffset? activated, DateTimeOffset? drainStarted,
        int port, int http, int webSocket, long requests) =>
        new(id, app, revision, state, $"/srv/{app}/releases/{revision}", created, activated, drainStarted, drainStarted?.AddMinutes(30), null,
            ImmutableDictionary<string, int>.Empty.Add("web", port).Add("metrics", port + 1000),
            new ConnectionStatus(http, webSocket, 0, requests),
            [
                new ProcessStatus("web", "proxied", port + 20_000, state == "failed" ? "exited" : "running", state == "failed" ? 5 : 1, state == "failed" ? 1 : null, null, created, 86_400 * 2.5, $"/var/lib/orch/logs/{id}/web.log", Health: state == "failed" ? "unhealthy" : "healthy", HealthDetail: state == "failed" ? "GET /healthz answered 503 Service Unavailable (database connection refused at 10.0.12.9:5432)" : null),
                new ProcessStatus("queue-consumer", "companion", port + 21_000, "running", 0, null, null, created, 86_400 * 2.5, $"/var/lib/orch/logs/{id}/queue-consumer.log"),
            ],
            null);
}
