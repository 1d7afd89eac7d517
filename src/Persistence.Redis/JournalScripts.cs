namespace Orchestrator.Persistence.Redis;

/// <summary>The Lua scripts that make each journal write atomic.</summary>
internal static class JournalScripts
{
    /// <summary>
    /// Writes one AtomicWrite. KEYS: journal, highest, pids, then one tag key per tag reference.
    /// ARGV: persistence id, highest sequence nr, event count n, n pairs (sequence nr, event bytes),
    /// then one tag reference per tag key. Highest only ever grows.
    /// </summary>
    public const string WriteAtomic = """
        local n = tonumber(ARGV[3])
        for i = 0, n - 1 do
          redis.call('ZADD', KEYS[1], ARGV[4 + 2 * i], ARGV[5 + 2 * i])
        end
        local highest = tonumber(ARGV[2])
        local current = tonumber(redis.call('GET', KEYS[2]) or '0')
        if highest > current then
          redis.call('SET', KEYS[2], ARGV[2])
        end
        redis.call('SADD', KEYS[3], ARGV[1])
        local tagArgs = 4 + 2 * n
        for k = 4, #KEYS do
          redis.call('RPUSH', KEYS[k], ARGV[tagArgs + k - 4])
        end
        return n
        """;
}
