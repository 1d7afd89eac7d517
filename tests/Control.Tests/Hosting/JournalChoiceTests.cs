using Orchestrator.Hosting;
using Xunit;

namespace Orchestrator.Control.Tests.Hosting;

/// <summary>The journal's Redis URL, as Railway's Redis gives it (with a password), and where the password may go.</summary>
public sealed class JournalChoiceTests
{
    [Fact]
    public void Parse_AUrlWithUserAndPassword_PassesThemToRedis_AndNeverPrintsThePassword()
    {
        var journal = JournalChoice.Parse("redis://default:s3cr3t-Pa55@redis.railway.internal:6379/1");

        Assert.Equal("redis.railway.internal:6379", journal.RedisEndpoint);
        Assert.Equal(1, journal.RedisDatabase);
        Assert.Equal("redis.railway.internal:6379,user=default,password=s3cr3t-Pa55", journal.RedisConnectionString);
        Assert.Equal("redis://default:***@redis.railway.internal:6379/1", journal.ToString());
        Assert.DoesNotContain("s3cr3t", journal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Rediss_TurnsOnTls()
    {
        var journal = JournalChoice.Parse("rediss://:pw-0123456789@cache.example:6380");

        Assert.Equal("cache.example:6380,password=pw-0123456789,ssl=true", journal.RedisConnectionString);
        Assert.Equal("rediss://:***@cache.example:6380/0", journal.ToString());
    }

    [Fact]
    public void Parse_APlainUrl_IsTheEndpointAlone()
    {
        var journal = JournalChoice.Parse("redis://127.0.0.1:6379");

        Assert.Equal("127.0.0.1:6379", journal.RedisConnectionString);
        Assert.Equal("redis://127.0.0.1:6379/0", journal.ToString());
    }

    [Theory]
    [InlineData("redis://default:a%2Cb@host:6379")]
    [InlineData("redis://default:a%22b@host:6379")]
    public void Parse_APasswordThatCannotBePassedOn_IsRefusedWithoutEchoingIt(string url)
    {
        var error = Assert.Throws<FormatException>(() => JournalChoice.Parse(url));

        Assert.Contains("use another password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a,b", error.Message, StringComparison.Ordinal);
    }
}
