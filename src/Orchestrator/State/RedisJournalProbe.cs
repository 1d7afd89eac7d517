using Orchestrator.Hosting;
using StackExchange.Redis;

namespace Orchestrator.State;

/// <summary>Does the Redis journal answer? One connect and PING, bounded by a timeout; asked at start and by <c>orch doctor</c>.</summary>
internal static class RedisJournalProbe
{
    /// <summary>Null when Redis answers; else why not, naming the endpoint and what to do.</summary>
    public static async Task<string?> ProblemAsync(JournalChoice journal, TimeSpan timeout)
    {
        try
        {
            var options = ConfigurationOptions.Parse(journal.RedisConnectionString!);
            options.ConnectTimeout = (int)timeout.TotalMilliseconds;
            options.AbortOnConnectFail = true;
            options.ConnectRetry = 1;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            await redis.GetDatabase(journal.RedisDatabase).PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (RedisException e)
        {
            return $"journal {journal} does not answer ({FirstLine(e.Message)}); start redis-server there, or pass the right --journal";
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r', '.');
}
