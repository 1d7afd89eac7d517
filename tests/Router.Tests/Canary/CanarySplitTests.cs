using System.Collections.Immutable;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Canary;

public sealed class CanarySplitTests : IAsyncLifetime
{
    private readonly RouterHarness _router = new();
    private HttpClient _client = null!;
    private RouteTable _stable = null!;
    private string _canaryUrl = "";

    public async Task InitializeAsync()
    {
        var stable = await _router.BackendAsync("stable");
        var canary = await _router.BackendAsync("canary");
        _canaryUrl = canary.Url;
        _stable = Tables.Of("shop", 1, ("shop-stable", stable.Url));
        await _router.ApplyAsync(_stable);
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = _router.Client.BaseAddress, Timeout = Eventually.Timeout };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task Percent_HundredNewClients_ExactlyThatManyReachTheCanaryEachWithItsCookie()
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", 20)));

        var answers = new List<(string Body, string Cookie)>();
        for (var i = 0; i < 100; i++)
        {
            answers.Add(await SendAsync(cookie: null));
        }

        Assert.Equal(20, answers.Count(a => a.Body == "canary"));
        Assert.All(answers, a => Assert.StartsWith(CanaryRoute.StickyCookie + "=", a.Cookie));
        Assert.Equal(100, answers.Select(a => a.Cookie).Distinct().Count());
    }

    [Fact]
    public async Task Percent_ClientSendsItsCookieBack_StaysOnItsSide()
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", 20)));

        for (var i = 0; i < 30; i++)
        {
            var (first, setCookie) = await SendAsync(cookie: null);
            var cookie = setCookie.Split(';')[0];
            for (var again = 0; again < 3; again++)
            {
                var (body, renewed) = await SendAsync(cookie);
                Assert.Equal(first, body);
                Assert.Equal("", renewed);
            }
        }
    }

    [Theory]
    [InlineData("orch_canary=5", "canary")]
    [InlineData("orch_canary=19", "canary")]
    [InlineData("orch_canary=20", "stable")]
    [InlineData("orch_canary=99", "stable")]
    public async Task Percent_BucketInTheCookie_DecidesTheSide(string cookie, string expected)
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", 20)));

        Assert.Equal(expected, (await SendAsync(cookie)).Body);
    }

    [Fact]
    public void Bucket_AppSetCookieValue_HashesToTheSameBucketEveryTime()
    {
        var bucket = Orchestrator.Router.Canary.CanaryBucket.FromCookie("user-4711");

        Assert.InRange(bucket, 0, 99);
        Assert.Equal(bucket, Orchestrator.Router.Canary.CanaryBucket.FromCookie("user-4711"));
        Assert.Equal(42, Orchestrator.Router.Canary.CanaryBucket.FromCookie("42"));
    }

    [Theory]
    [InlineData("beta=1", "canary")]
    [InlineData("other=x; beta=1", "canary")]
    [InlineData("beta=2", "stable")]
    [InlineData(null, "stable")]
    public async Task Cookie_OnlyRequestsWithThatCookieReachTheCanary(string? cookie, string expected)
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", CookieName: "beta", CookieValue: "1")));

        var (body, setCookie) = await SendAsync(cookie);

        Assert.Equal(expected, body);
        Assert.Equal("", setCookie);
    }

    [Fact]
    public async Task NoCanary_CookieOfAnEarlierSplit_IsIgnored()
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", 20)));
        await _router.ApplyAsync(_stable with { Version = 3 });

        var (body, setCookie) = await SendAsync("orch_canary=1");

        Assert.Equal("stable", body);
        Assert.Equal("", setCookie);
    }

    [Fact]
    public async Task Affinity_NamingTheActiveDeployment_WinsOverTheSplit()
    {
        await _router.ApplyAsync(WithCanary(new CanaryRoute("shop-canary", 99)) with { Affinity = true });

        Assert.Equal("stable", (await SendAsync("orch_canary=0; orch_deployment=shop-stable")).Body);
        Assert.Equal("canary", (await SendAsync("orch_canary=0")).Body);
    }

    private RouteTable WithCanary(CanaryRoute canary) => _stable with
    {
        Version = 2,
        Deployments = _stable.Deployments.Add("shop-canary", new DeploymentRoute("shop-canary", RouteState.Canary, ImmutableArray.Create(_canaryUrl))),
        Canary = canary,
    };

    private async Task<(string Body, string Cookie)> SendAsync(string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join(", ", values) : "";
        return (await response.Content.ReadAsStringAsync(), setCookie);
    }
}
