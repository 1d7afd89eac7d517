using System.Globalization;

namespace Orchestrator.Hosting;

/// <summary>
/// Where a node keeps its journal and snapshots: <c>sqlite</c> (the embedded default, a file in the state
/// directory) or <c>redis://[USER:PASSWORD@]HOST:PORT[/DB]</c> (shared by the nodes of a cluster; <c>rediss://</c> for
/// TLS). The password never leaves this record except in <see cref="RedisConnectionString"/>.
/// </summary>
public sealed record JournalChoice(string? RedisEndpoint, int RedisDatabase, string? RedisUser = null, string? RedisPassword = null, bool RedisTls = false)
{
    public const string EnvironmentVariable = "ORCH_JOURNAL";
    public const string Sqlite = "sqlite";

    public static readonly JournalChoice Embedded = new(null, 0);

    public bool IsRedis => RedisEndpoint is not null;

    /// <summary>StackExchange.Redis's configuration string: the endpoint, with the credentials and TLS when given.</summary>
    public string? RedisConnectionString => RedisEndpoint is null
        ? null
        : RedisEndpoint
          + (RedisUser is { Length: > 0 } user ? ",user=" + user : "")
          + (RedisPassword is { Length: > 0 } password ? ",password=" + password : "")
          + (RedisTls ? ",ssl=true" : "");

    /// <summary>Parses <c>sqlite</c> or a Redis URL; null or empty means the default.</summary>
    public static JournalChoice Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return Embedded;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "redis" or "rediss" && uri.Host.Length > 0 && uri.Port > 0
            && uri.AbsolutePath.Trim('/') is var db
            && (db.Length == 0 || (int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out var database) && database >= 0)))
        {
            var (user, password) = Credentials(uri);
            return new JournalChoice($"{uri.Host}:{uri.Port}", db.Length == 0 ? 0 : int.Parse(db, CultureInfo.InvariantCulture), user, password, uri.Scheme == "rediss");
        }

        throw new FormatException(
            "journal is neither 'sqlite' nor 'redis://[USER:PASSWORD@]HOST:PORT[/DB]'; for example --journal redis://127.0.0.1:6379/0");
    }

    /// <summary>Never the password.</summary>
    public override string ToString() => IsRedis
        ? $"{(RedisTls ? "rediss" : "redis")}://{(RedisPassword is null ? RedisUser is null ? "" : RedisUser + "@" : (RedisUser ?? "") + ":***@")}{RedisEndpoint}/{RedisDatabase}"
        : Sqlite;

    private static (string? User, string? Password) Credentials(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return (null, null);
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        // They go into a configuration string (',' separates its options) inside HOCON quotes.
        if ((user + password).IndexOfAny([',', '"', '\\', '\n', '\r']) >= 0)
        {
            throw new FormatException("the journal's Redis user or password holds ',', '\"', '\\' or a line break, which this build cannot pass on; use another password");
        }

        return (user.Length == 0 ? null : user, password);
    }
}
