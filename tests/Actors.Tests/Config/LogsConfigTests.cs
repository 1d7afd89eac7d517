using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary><c>[logs] max_size</c> and <c>keep</c>: when process logs rotate.</summary>
public sealed class LogsConfigTests
{
    [Fact]
    public void Load_NoLogsTable_RotatesAt50MBKeepingFive()
    {
        var config = ConfigAssert.Valid(ConfigAssert.WebApp);

        Assert.Equal(50L * 1024 * 1024, config.Logs.MaxSize);
        Assert.Equal(5, config.Logs.Keep);
    }

    [Theory]
    [InlineData("\"64KB\"", 64L * 1024)]
    [InlineData("\"2048B\"", 2048L)]
    [InlineData("\"50MB\"", 50L * 1024 * 1024)]
    [InlineData("\"1.5GB\"", 3L * 512 * 1024 * 1024)]
    [InlineData("\"10 mb\"", 10L * 1024 * 1024)]
    public void Load_MaxSizeWithAUnit_IsReadInBytes(string size, long bytes)
    {
        var config = ConfigAssert.Valid(ConfigAssert.WebApp + $"\n[logs]\nmax_size = {size}\nkeep = 2\n");

        Assert.Equal(bytes, config.Logs.MaxSize);
        Assert.Equal(2, config.Logs.Keep);
    }

    [Theory]
    [InlineData("max_size = \"50\"", "logs.max_size", "not a size")]
    [InlineData("max_size = \"lots\"", "logs.max_size", "B, KB, MB or GB")]
    [InlineData("max_size = \"-5MB\"", "logs.max_size", "not a size")]
    [InlineData("max_size = \"100B\"", "logs.max_size", "too small")]
    [InlineData("max_size = 50", "logs.max_size", "must be a size string")]
    [InlineData("keep = 0", "logs.keep", "at least 1")]
    [InlineData("keep = 101", "logs.keep", "at most 100")]
    [InlineData("keep = \"5\"", "logs.keep", "must be an integer")]
    [InlineData("max_szie = \"50MB\"", "logs.max_szie", "did you mean 'max_size'?")]
    public void Load_LogsKeyBroken_ReportsItAtItsKeyWithAnExample(string line, string key, string mention)
    {
        var problem = ConfigAssert.Problem(ConfigAssert.WebApp + $"\n[logs]\n{line}\n", key, mention);

        Assert.Contains(key.EndsWith("keep", StringComparison.Ordinal) ? "keep = 5" : "max_size = \"50MB\"", problem.Example, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LogsNotATable_IsRefused()
    {
        ConfigAssert.Problem(ConfigAssert.WebApp.Replace("app = \"shop\"", "app = \"shop\"\nlogs = \"50MB\"", StringComparison.Ordinal), "logs", "must be a table");
    }

    [Theory]
    [InlineData("50MB", null)]
    [InlineData("1KB", null)]
    [InlineData("1023B", "too small")]
    [InlineData("fifty", "not a size")]
    [InlineData("", "not a size")]
    public void Problem_LogSize_SaysWhatIsWrong(string text, string? mention)
    {
        var problem = LogSize.Problem(text);

        if (mention is null)
        {
            Assert.Null(problem);
            Assert.True(LogSize.Parse(text) >= 1024);
        }
        else
        {
            Assert.Contains(mention, problem, StringComparison.Ordinal);
            Assert.Throws<FormatException>(() => LogSize.Parse(text));
        }
    }
}
