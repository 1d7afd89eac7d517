using Akka.Actor;
using Akka.Configuration;

namespace Orchestrator.Persistence.Query;

/// <summary>The settings every polling read journal reads from its HOCON block: refresh-interval, max-buffer-size and write-plugin.</summary>
internal sealed record ReadJournalSettings(TimeSpan RefreshInterval, int MaxBufferSize, string WritePlugin)
{
    public const int DefaultMaxBufferSize = 500;
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    public static ReadJournalSettings FromConfig(Config config, string defaultWritePlugin)
    {
        var settings = new ReadJournalSettings(
            config.GetTimeSpan("refresh-interval", DefaultRefreshInterval),
            config.GetInt("max-buffer-size", DefaultMaxBufferSize),
            config.GetString("write-plugin", defaultWritePlugin));
        return settings.RefreshInterval > TimeSpan.Zero && settings.MaxBufferSize > 0
            ? settings
            : throw new ConfigurationException("a read journal needs a positive refresh-interval and max-buffer-size");
    }

    /// <summary>The HOCON block of the journal the queries read.</summary>
    /// <exception cref="ConfigurationException">write-plugin names no configured journal.</exception>
    public Config WritePluginConfig(ActorSystem system) =>
        system.Settings.Config.HasPath(WritePlugin)
            ? system.Settings.Config.GetConfig(WritePlugin)
            : throw new ConfigurationException($"the read journal's write-plugin '{WritePlugin}' is not configured");
}
