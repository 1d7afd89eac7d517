using System.Globalization;

namespace Orchestrator.Hosting;

/// <summary>
/// Where a node keeps its journal and snapshots: <c>sqlite</c> (the embedded default, a file in the state
/// directory) or <c>redis://HOST:PORT[/DB]</c> (shared by the nodes of a cluster).
/// </summary>
public sealed record JournalChoice(string? RedisEndpoint, int RedisDatabase)
{
    public const string EnvironmentVariable = "ORCH_JOURNAL";
    public const string Sqlite = "sqlite";

    public static readonly JournalChoice Embedded = new(null, 0);

    public bool IsRedis => RedisEndpoint is not null;

    /// <summary>Parses <c>sqlite</c> or <c>redis://HOST:PORT[/DB]</c>; null or empty means the default.</summary>
    public static JournalChoice Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return Embedded;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "redis" && uri.Host.Length > 0 && uri.Port > 0
            && uri.AbsolutePath.Trim('/') is var db
            && (db.Length == 0 || (int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out var database) && database >= 0)))
        {
            return new JournalChoice($"{uri.Host}:{uri.Port}", db.Length == 0 ? 0 : int.Parse(db, CultureInfo.InvariantCulture));
        }

        throw new FormatException(
            $"journal '{value}' is neither 'sqlite' nor 'redis://HOST:PORT[/DB]'; for example --journal redis://127.0.0.1:6379/0");
    }

    public override string ToString() => IsRedis ? $"redis://{RedisEndpoint}/{RedisDatabase}" : Sqlite;
}
