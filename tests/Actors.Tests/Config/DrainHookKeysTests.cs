using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>A worker's <c>quiet</c>, <c>drain_check</c> and <c>drain_check_interval</c>.</summary>
public sealed class DrainHookKeysTests
{
    private static string WithWebKeys(string keys) =>
        ConfigAssert.WebApp.Replace("id = \"web\"", "id = \"web\"\n" + keys, StringComparison.Ordinal);

    [Fact]
    public void Load_KeysLeftOut_NoHooksAndTheDefaultInterval()
    {
        var web = ConfigAssert.Valid(ConfigAssert.WebApp).Proxied!;

        Assert.Null(web.Quiet);
        Assert.Null(web.DrainCheck);
        Assert.Equal(TimeSpan.FromSeconds(1), web.DrainCheckInterval);
    }

    [Theory]
    [InlineData("quiet = \"signal:USR1\"", "signal:SIGUSR1")]
    [InlineData("quiet = \"signal:SIGHUP\"", "signal:SIGHUP")]
    [InlineData("quiet = \"http:POST /quiet\"", "http:POST /quiet")]
    [InlineData("quiet = \"exec:touch quiet.flag\"", "exec:touch quiet.flag")]
    [InlineData("drain_check = \"http:GET /busy\"", "http:GET /busy")]
    [InlineData("drain_check = \"exec:test ! -e busy.flag\"", "exec:test ! -e busy.flag")]
    public void Load_HookGiven_IsRead(string line, string expected)
    {
        var web = ConfigAssert.Valid(WithWebKeys(line)).Proxied!;

        Assert.Equal(expected, (web.Quiet ?? web.DrainCheck)!.ToString());
    }

    [Fact]
    public void Load_IntervalGiven_IsRead()
    {
        var web = ConfigAssert.Valid(WithWebKeys("drain_check = \"http:GET /busy\"\ndrain_check_interval = \"250ms\"")).Proxied!;

        Assert.Equal(TimeSpan.FromMilliseconds(250), web.DrainCheckInterval);
    }

    [Theory]
    [InlineData("quiet = \"signal:FOO\"", "process[0].quiet", "unknown signal 'FOO'")]
    [InlineData("quiet = \"signal:KILL\"", "process[0].quiet", "use e.g. signal:USR1")]
    [InlineData("quiet = \"USR1\"", "process[0].quiet", "must start with signal:, http: or exec:")]
    [InlineData("quiet = \"http:/quiet\"", "process[0].quiet", "http:METHOD /path")]
    [InlineData("quiet = \"http:post /quiet\"", "process[0].quiet", "upper-case method")]
    [InlineData("quiet = \"exec:\"", "process[0].quiet", "needs a command")]
    [InlineData("quiet = 10", "process[0].quiet", "must be a string")]
    [InlineData("drain_check = \"signal:USR1\"", "process[0].drain_check", "a signal cannot answer")]
    [InlineData("drain_check = \"tcp:1234\"", "process[0].drain_check", "must start with http: or exec:")]
    [InlineData("drain_check_interval = \"0s\"", "process[0].drain_check_interval", "greater than zero")]
    [InlineData("drain_checks = \"http:GET /busy\"", "process[0].drain_checks", "did you mean 'drain_check'?")]
    public void Load_HookBroken_ReportsItAtItsKey(string line, string key, string mention)
    {
        ConfigAssert.Problem(WithWebKeys(line), key, mention);
    }

    [Fact]
    public void Load_HttpHookOnAProcessWithoutPort_SaysToGiveItAPortOrUseExec()
    {
        var toml = ConfigAssert.WebApp + """


            [[process]]
            id = "worker"
            policy = "companion"
            command = "node worker.js"
            drain_check = "http:GET /busy"
            """;

        var problem = ConfigAssert.Problem(toml, "process[1].drain_check", "has none");
        Assert.Contains("exec:CMD", problem.Problem, StringComparison.Ordinal);
    }
}
