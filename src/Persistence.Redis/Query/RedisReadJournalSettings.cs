using Akka.Configuration;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>The settings of the Redis read journal, read from its HOCON block (akka.persistence.query.journal.redis).</summary>
internal sealed record RedisReadJournalSettings(TimeSpan RefreshInterval, int MaxBufferSize, string WritePlugin)
{
    public const string DefaultWritePlugin = "akka.persistence.journal.redis";
    public const int DefaultMaxBufferSize = 500;
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    public static RedisReadJournalSettings FromConfig(Config config)
    {
        var settings = new RedisReadJournalSettings(
            config.GetTimeSpan("refresh-interval", DefaultRefreshInterval),
            config.GetInt("max-buffer-size", DefaultMaxBufferSize),
            config.GetString("write-plugin", DefaultWritePlugin));
        return settings.RefreshInterval > TimeSpan.Zero && settings.MaxBufferSize > 0
            ? settings
            : throw new ConfigurationException("the Redis read journal needs a positive refresh-interval and max-buffer-size");
    }
}
