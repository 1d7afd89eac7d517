using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>The keys that watch a running app: active health probing, the request timeout and the memory limit.</summary>
public sealed class HardeningKeysTests
{
    [Fact]
    public void Load_KeysLeftOut_UseTheNamedDefaults()
    {
        var config = ConfigAssert.Valid(ConfigAssert.WebApp);
        var web = config.Proxied!;

        Assert.Equal(TimeSpan.FromSeconds(10), web.Health!.IntervalActive);
        Assert.Equal(3, web.Health.UnhealthyAfter);
        Assert.Equal(TimeSpan.FromSeconds(100), config.Proxy!.RequestTimeout);
        Assert.Null(web.MemoryLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), web.MemoryLimitGrace);
    }

    [Fact]
    public void Load_KeysGiven_AreRead()
    {
        var toml = ConfigAssert.WebApp
            .Replace("[proxy]", "[proxy]\nrequest_timeout = \"3s\"", StringComparison.Ordinal)
            .Replace("id = \"web\"", "id = \"web\"\nhealth = { interval_active = \"300ms\", unhealthy_after = 5 }\nmemory_limit = \"512MB\"\nmemory_limit_grace = \"2s\"", StringComparison.Ordinal);

        var config = ConfigAssert.Valid(toml);
        var web = config.Proxied!;

        Assert.Equal(TimeSpan.FromMilliseconds(300), web.Health!.IntervalActive);
        Assert.Equal(5, web.Health.UnhealthyAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), config.Proxy!.RequestTimeout);
        Assert.Equal(512L * 1024 * 1024, web.MemoryLimit);
        Assert.Equal(TimeSpan.FromSeconds(2), web.MemoryLimitGrace);
    }

    [Theory]
    [InlineData("[proxy]", "[proxy]\nrequest_timeout = \"0s\"", "proxy.request_timeout", "greater than zero")]
    [InlineData("[proxy]", "[proxy]\nrequest_timeout = 100", "proxy.request_timeout", "must be a duration string")]
    [InlineData("[proxy]", "[proxy]\nrequest_timeot = \"100s\"", "proxy.request_timeot", "did you mean 'request_timeout'?")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { interval_active = \"0s\" }", "process[0].health.interval_active", "greater than zero")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { interval_active = \"often\" }", "process[0].health.interval_active", "not a duration")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { unhealthy_after = 0 }", "process[0].health.unhealthy_after", "at least 1")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { unhealthy_after = \"3\" }", "process[0].health.unhealthy_after", "must be an integer")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit = \"512\"", "process[0].memory_limit", "not a memory size")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit = \"lots\"", "process[0].memory_limit", "KB, MB, GB")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit = \"0MB\"", "process[0].memory_limit", "positive number")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit = \"-5MB\"", "process[0].memory_limit", "not a memory size")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit = 512", "process[0].memory_limit", "must be a size string")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limit_grace = \"30\"", "process[0].memory_limit_grace", "not a duration")]
    [InlineData("id = \"web\"", "id = \"web\"\nmemory_limt = \"1GB\"", "process[0].memory_limt", "did you mean 'memory_limit'?")]
    public void Load_HardeningKeyBroken_ReportsItAtItsKey(string find, string replace, string key, string mention)
    {
        var toml = ConfigAssert.WebApp.Replace(find, replace, StringComparison.Ordinal);
        ConfigAssert.Problem(toml, key, mention);
    }

    [Theory]
    [InlineData("800KB", 800L * 1024)]
    [InlineData("512MB", 512L * 1024 * 1024)]
    [InlineData("512mb", 512L * 1024 * 1024)]
    [InlineData("512MiB", 512L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("1.5GB", 3L * 512 * 1024 * 1024)]
    [InlineData("2048B", 2048)]
    public void ByteSize_TryParse_ReadsPowersOf1024(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("512")]
    [InlineData("MB")]
    [InlineData("5 XB")]
    [InlineData("-1MB")]
    [InlineData("99999999999999999TB")]
    public void ByteSize_TryParse_RefusesWhatIsNotASize(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Theory]
    [InlineData(600L * 1024 * 1024, "600 MB")]
    [InlineData(3L * 512 * 1024 * 1024, "1.5 GB")]
    [InlineData(800L * 1024, "800 KB")]
    public void ByteSize_Format_IsShortAndReadable(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
