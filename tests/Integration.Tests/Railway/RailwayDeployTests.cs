using System.Net.Sockets;
using Orchestrator.Config;
using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// <c>orch railway deploy</c> with the real CLI, against a real daemon that is the app's control service and the fake
/// Railway, which runs each deployment's image as the test app on a loopback address of its own; traffic goes through
/// the daemon's router to the processes the fake started.
/// </summary>
public sealed class RailwayDeployTests(FakeRailwayControl control) : IClassFixture<FakeRailwayControl>
{
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DeleteBound = TimeSpan.FromSeconds(15);

    /// <summary>What one deploy asks Railway, in order, a status poll counted once (the issue's sequence).</summary>
    private static readonly string[] DeploySequence =
        ["Project", "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceInstanceDeployV2", "Deployment", "VariablesForServiceDeployment"];

    private FakeRailway Fake => control.Fake;

    private OrchEnvironment Orch => control.Orch;

    [Fact]
    public async Task DeployTwiceUnderLoad_NoRequestFails_TheFirstStreamFlowsToItsDrainDeadline_AndTheJanitorDeletesTheFirstService()
    {
        const string imageA = "registry.test/shop:a";
        const string imageB = "registry.test/shop:b";
        control.MapTestApp(imageA);
        control.MapTestApp(imageB);
        var app = RailwayTestApp.Create("shop", Fake.State.Seed("shop")) with { Drain = "6s" };

        var beforeA = Fake.Calls.Count;
        await Orch.RailwayDeployOkAsync(app, imageA, "a1");
        var deployingA = Fake.Calls.Skip(beforeA).ToList();
        var serviceA = control.ServiceNamed(app.Seed, "shop-a1") ?? throw new Xunit.Sdk.XunitException("no service shop-a1 on Railway");
        var railwayA = Assert.Single(Fake.State.DeploymentsOf(serviceA.Id)).Id;
        await using var stream = SseStream.Open(new Uri(app.BaseUri, "/sse?interval=100"));
        await Eventually.TrueAsync(() => Task.FromResult(stream.Events > 3), "A's stream to flow through the router");
        Assert.StartsWith("data: a1 ", stream.LastEvent, StringComparison.Ordinal);
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 8);
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("a")), "A to answer the load");

        await Orch.RailwayDeployOkAsync(app, imageB, "b1");
        var deadline = (await Orch.AppAsync(app.App)).Deployments.Single(d => d.Id == "a1").DrainDeadline
            ?? throw new Xunit.Sdk.XunitException("a1 reports no drain deadline after b1 was deployed");
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("b")), "B to answer the load");
        await Eventually.TrueAsync(
            () => Task.FromResult(stream.Ended is not null), "A's stream to end", deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(
            () => Task.FromResult(control.ServiceNamed(app.Seed, "shop-a1") is null), "the janitor to delete A's service", TimeSpan.FromSeconds(30));
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.True(stream.EndedAt >= deadline - DeadlineSlack,
            $"A's stream ended ({stream.Ended}) at {stream.EndedAt:HH:mm:ss.fff}, before its drain deadline {deadline:HH:mm:ss.fff}");
        Assert.StartsWith("data: a1 ", stream.LastEvent, StringComparison.Ordinal);
        Assert.True(stream.LongestGap < TimeSpan.FromSeconds(2), $"A's stream paused for {stream.LongestGap} while B was deployed");
        await AssertRefusesAsync(serviceA.PrivateDomain, Defaults.RailwayPort, "A's process, once its service is deleted");
        // The fake moves a deleted service's deployment to REMOVED once its process is gone, a moment after the delete.
        await Eventually.TrueAsync(
            () => Task.FromResult(Fake.State.StatusHistoryOf(railwayA)[^1] == "REMOVED"), "A's Railway deployment to end REMOVED", TimeSpan.FromSeconds(30));

        // A's deploy, then what was asked about A's service until it was deleted.
        var deployOperations = deployingA.About(app.Seed.ProjectId, serviceA.Id, railwayA).Operations();
        Assert.True(deployOperations.Take(DeploySequence.Length).SequenceEqual(DeploySequence) && deployOperations.Skip(DeploySequence.Length).All(n => n == "Deployment"),
            $"A's deploy asked: {string.Join(", ", deployOperations)}");
        Assert.Contains("\"skipDeploys\":true", deployingA.Single(c => c.OperationName == "VariableCollectionUpsert").Variables, StringComparison.Ordinal);
        var aboutA = Fake.Calls.About(serviceA.Id, railwayA);
        Assert.Equal("ServiceDelete", aboutA[^1].OperationName);
        var deleted = aboutA[^1].At;
        Assert.True(deleted >= deadline - DeadlineSlack, $"A's service was deleted at {deleted:HH:mm:ss.fff}, before its drain deadline {deadline:HH:mm:ss.fff}");

        var status = await Orch.AppAsync(app.App);
        Assert.Equal("b1", status.ActiveDeploymentId);
        Assert.Equal(imageB, status.Deployments.Single(d => d.Id == "b1").ReleasePath);
    }

    [Fact]
    public async Task DeployOfAnImageThatNeverGetsHealthyOrThatCrashes_ExitsOneWithRailwaysStatusAndItsLastLines_AndThePreviousDeploymentServesThroughout()
    {
        const string good = "registry.test/cart:good";
        const string neverHealthy = "registry.test/cart:never-healthy";
        const string crashing = "registry.test/cart:crashing";
        control.MapTestApp(good);
        control.MapTestApp(neverHealthy, "echo 'cart: warming the cache'; echo 'cart: cache host unreachable, /ping answers 500' >&2; export HEALTH=fail;");

        // It answers Railway's health check once, stops listening, and exits 3 after 1.5 s (longer than a status poll): SUCCESS,
        // then CRASHED, since the restart policy is never; our router's probe is refused all along.
        control.MapShell(crashing,
            "node -e 'const s = require(\"http\").createServer((q, r) => r.end(\"ok\", () => { s.close(); setTimeout(() => process.exit(0), 1500); })); " +
            "s.listen(+process.env.PORT, process.env.HOST)'; " +
            "echo 'cart: lost the database connection' >&2; exit 3");
        var app = RailwayTestApp.Create("cart", Fake.State.Seed("cart")) with
        {
            HealthcheckTimeout = "5s",
            RailwayExtra = "restart_policy = \"never\"",
        };
        await Orch.RailwayDeployOkAsync(app, good, "g1");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 4);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 0), "the good deployment to answer the load");

        var failed = await Orch.RailwayDeployAsync(app, neverHealthy, "f1");
        var crashed = await Orch.RailwayDeployAsync(app, crashing, "c1");
        var status = await Orch.AppAsync(app.App);
        await load.StopAsync();

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("FAILED", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("cart: cache host unreachable, /ping answers 500", failed.Stderr, StringComparison.Ordinal);
        Assert.True(crashed.ExitCode == 1, crashed.ToString());
        Assert.Contains("CRASHED", crashed.Stderr, StringComparison.Ordinal);
        Assert.Contains("cart: lost the database connection", crashed.Stderr, StringComparison.Ordinal);
        Assert.Equal("g1", status.ActiveDeploymentId);
        Assert.Equal(["failed", "failed"], status.Deployments.Where(d => d.Id is "f1" or "c1").Select(d => d.State).ToArray());
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.Equal(["good"], load.AnsweredBy.Keys);
        await Eventually.TrueAsync(
            () => Task.FromResult(Fake.State.ServicesOf(app.Seed.ProjectId).Select(s => s.Name).SequenceEqual(["cart-g1"])),
            "the failed deployments' services to be deleted, and only theirs");
    }

    [Fact]
    public async Task ControlServiceSigkilledMidDrain_TheRestartedJanitorDeletesTheDrainedServiceAtTheOriginalDeadline()
    {
        const string imageA = "registry.test/feed:a";
        const string imageB = "registry.test/feed:b";
        control.MapTestApp(imageA);
        control.MapTestApp(imageB);
        await using var orch = await control.StartOwnDaemonAsync();
        var app = RailwayTestApp.Create("feed", Fake.State.Seed("feed")) with { Drain = "20s" };
        await orch.RailwayDeployOkAsync(app, imageA, "a1");
        var serviceA = control.ServiceNamed(app.Seed, "feed-a1") ?? throw new Xunit.Sdk.XunitException("no service feed-a1 on Railway");

        // The stream keeps A's drain going until its deadline.
        await using var stream = SseStream.Open(new Uri(app.BaseUri, "/sse?interval=100"));
        await Eventually.TrueAsync(() => Task.FromResult(stream.Events > 3), "A's stream to flow through the router");
        await orch.RailwayDeployOkAsync(app, imageB, "b1");
        var deadline = (await orch.AppAsync(app.App)).Deployments.Single(d => d.Id == "a1").DrainDeadline
            ?? throw new Xunit.Sdk.XunitException("a1 reports no drain deadline after b1 was deployed");

        await orch.KillDaemonAsync();
        await orch.StartDaemonAsync();
        var margin = TimeSpan.FromSeconds(2);
        if (deadline - margin - DateTimeOffset.UtcNow is { TotalMilliseconds: > 0 } untilJustBefore)
        {
            // Not for correctness: the moment to look that A's service is still there.
            await Task.Delay(untilJustBefore);
            Assert.NotNull(control.ServiceNamed(app.Seed, "feed-a1"));
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(control.ServiceNamed(app.Seed, "feed-a1") is null),
            "the restarted janitor to delete A's service",
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        var deleted = Fake.Calls.About(serviceA.Id).Last(c => c.OperationName == "ServiceDelete").At;
        Assert.True(deleted >= deadline - DeadlineSlack && deleted <= deadline + DeleteBound,
            $"A's service was deleted at {deleted:HH:mm:ss.fff}, {(deleted - deadline).TotalSeconds:+0.000;-0.000} s from its drain deadline {deadline:HH:mm:ss.fff}\n" +
            $"--- daemon ---\n{orch.ReadDaemonLog()}");
        Assert.NotNull(control.ServiceNamed(app.Seed, "feed-b1"));
        Assert.Contains("\"revision\":\"b\"", await DeployHarness.GetAsync(app.BaseUri), StringComparison.Ordinal);
    }

    private static async Task AssertRefusesAsync(string host, int port, string what) =>
        await Eventually.TrueAsync(
            async () =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(host, port);
                    return false;
                }
                catch (SocketException)
                {
                    return true;
                }
            },
            $"{what} to stop listening on {host}:{port}");
}
