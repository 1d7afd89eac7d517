namespace Orchestrator.Persistence.Redis;

/// <summary>The Lua scripts that make each journal write atomic.</summary>
internal static class JournalScripts
{
    /// <summary>
    /// Writes one AtomicWrite. KEYS: journal, highest, pids, then one tag key per tag reference.
    /// ARGV: persistence id, highest sequence nr, event count n, n pairs (sequence nr, event bytes),
    /// then one tag reference per tag key. Highest only ever grows.
    /// Redis does not roll back a script that fails half way, so everything that could make a write
    /// command fail is checked first and refused with an error reply before anything is written.
    /// </summary>
    public const string WriteAtomic = """
        local function refuse(problem)
          return redis.error_reply('ERR journal write refused, nothing written: ' .. problem)
        end
        local expected = { 'zset', 'string', 'set' }
        for k = 1, #KEYS do
          local want = expected[k] or 'list'
          local actual = redis.call('TYPE', KEYS[k]).ok
          if actual ~= 'none' and actual ~= want then
            return refuse(KEYS[k] .. ' holds a ' .. actual .. ', not a ' .. want)
          end
        end
        local stored = tonumber(redis.call('GET', KEYS[2]) or '0')
        if stored == nil then
          return refuse(KEYS[2] .. ' does not hold a number')
        end
        -- Every stored event is at or below highest, and an AtomicWrite's events are numbered upwards from ARGV[4].
        if tonumber(ARGV[4]) <= stored then
          return refuse(KEYS[1] .. ' sequence nr ' .. ARGV[4] .. ' is not above ' .. stored .. ', the highest already written')
        end

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
