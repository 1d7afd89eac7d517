using System.Net;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Routing;

/// <summary>
/// A deployment with replicas on several hosts: the router sends nothing to one that is down (its probe fails, or a
/// forward could not reach it), retries a GET that hit it on another, and takes it back once its probe passes.
/// </summary>
public sealed class DestinationHealthTests
{
    private const string WarmPath = "/health";
    private const int Requests = 200;

    [Fact]
    public async Task TwoDestinations_OneStopped_EveryGetSucceedsOnTheLiveOne_BeforeAndAfterTheRouterNotices()
    {
        await using var router = new RouterHarness();
        var live = await router.BackendAsync("live");
        var stopped = await router.BackendAsync("stopped");
        await router.ApplyAsync(Tables.Replicated("shop", 1, WarmPath, live.Url, stopped.Url));
        Assert.Equal(["live", "stopped"], (await GetAsync(router, 2)).Order(StringComparer.Ordinal));

        await router.StopAsync(stopped);

        // Whatever the router knows yet, a GET the stopped one refuses goes once more to the live one.
        Assert.All(await GetAsync(router, 10), answer => Assert.Equal("live", answer));
        await Eventually.TrueAsync(() => router.Runtime.DestinationsDown.Contains(stopped.Url), "the stopped destination marked down");
        var before = live.RootRequests;
        Assert.All(await GetAsync(router, Requests), answer => Assert.Equal("live", answer));
        Assert.Equal(before + Requests, live.RootRequests);
    }

    [Fact]
    public async Task TwoDestinations_NoWarmPath_OneStopped_EveryGetIsRetriedOnTheLiveOne()
    {
        await using var router = new RouterHarness();
        var live = await router.BackendAsync("live");
        var stopped = await router.BackendAsync("stopped");
        await router.ApplyAsync(Tables.Replicated("shop", 1, warmPath: null, live.Url, stopped.Url));

        await router.StopAsync(stopped);

        // Not probed, so never skipped: every other GET reaches the stopped one first and is retried.
        Assert.All(await GetAsync(router, 20), answer => Assert.Equal("live", answer));
        Assert.Empty(router.Runtime.DestinationsDown);
    }

    [Fact]
    public async Task StoppedDestination_BackOnTheSamePort_ReceivesRequestsAgain()
    {
        await using var router = new RouterHarness();
        var live = await router.BackendAsync("live");
        var stopped = await router.BackendAsync("stopped");
        var url = stopped.Url;
        await router.ApplyAsync(Tables.Replicated("shop", 1, WarmPath, live.Url, url));
        await router.StopAsync(stopped);
        await Eventually.TrueAsync(() => router.Runtime.DestinationsDown.Contains(url), "the stopped destination marked down");

        var back = await router.BackendAsync("back", stopped.Port);

        await Eventually.TrueAsync(() => router.Runtime.DestinationsDown.IsEmpty, "the destination's probe to pass again");
        await Eventually.TrueAsync(async () => (await GetAsync(router, 2)).Contains("back"), "requests to reach it again");
        Assert.Equal(url, back.Url);
    }

    [Fact]
    public async Task WarmPathAnswering500_GetsNoRequestsOnceProbed()
    {
        await using var router = new RouterHarness();
        var healthy = await router.BackendAsync("healthy");
        var failing = await router.BackendAsync("failing");
        failing.HealthStatus = 500;

        await router.ApplyAsync(Tables.Replicated("shop", 1, WarmPath, healthy.Url, failing.Url));

        await Eventually.TrueAsync(() => router.Runtime.DestinationsDown.Contains(failing.Url), "the failing destination marked down");
        var before = failing.RootRequests;
        Assert.All(await GetAsync(router, Requests), answer => Assert.Equal("healthy", answer));
        Assert.Equal(before, failing.RootRequests);
    }

    [Fact]
    public async Task OneDestination_Stopped_Answers502_NotProbedNorRetried()
    {
        await using var router = new RouterHarness();
        var stopped = await router.BackendAsync("stopped");
        await router.ApplyAsync(Tables.Replicated("shop", 1, WarmPath, stopped.Url));
        await router.StopAsync(stopped);

        for (var i = 0; i < 3; i++)
        {
            using var answer = await router.Client.GetAsync("/");
            Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        }

        Assert.Equal(3, router.Runtime.ProxyErrorsOf("shop")["shop-1"]);
        Assert.Empty(router.Runtime.DestinationsDown);
    }

    [Fact]
    public async Task PostWithBody_DestinationStopped_NotRetried()
    {
        await using var router = new RouterHarness();
        var live = await router.BackendAsync("live");
        var stopped = await router.BackendAsync("stopped");
        await router.ApplyAsync(Tables.Replicated("shop", 1, warmPath: null, live.Url, stopped.Url));
        await router.StopAsync(stopped);

        // Not probed: the turn alternates, so one of two POSTs reaches the stopped one, which a body is not replayed from.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var answer = await router.Client.PostAsync("/", new StringContent("order"));
            statuses.Add(answer.StatusCode);
        }

        Assert.Contains(HttpStatusCode.BadGateway, statuses);
    }

    private static async Task<List<string>> GetAsync(RouterHarness router, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            answers.Add(await router.Client.GetStringAsync("/"));
        }

        return answers;
    }
}
