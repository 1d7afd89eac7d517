using System.Reflection;

namespace Orchestrator;

/// <summary>Every default the config, the CLI and the HOCON share, in one place.</summary>
public static class Defaults
{
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan HealthStartDelay = TimeSpan.Zero;

    /// <summary>
    /// While a deploy waits for health, the wait after the first failed probe of a listening process; each next wait
    /// doubles, up to the health interval, so an app that turns healthy just after it listens is not held back a whole interval.
    /// </summary>
    public static readonly TimeSpan HealthFirstRetry = TimeSpan.FromMilliseconds(10);
    public const string HealthPath = "/";

    /// <summary>How often an active deployment's proxied process is probed after the switch.</summary>
    public static readonly TimeSpan HealthIntervalActive = TimeSpan.FromSeconds(10);

    /// <summary>Failed probes in a row after which an active process counts as unhealthy and is restarted.</summary>
    public const int HealthUnhealthyAfter = 3;

    /// <summary>How long the router waits for an app's response headers before it answers 504.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>How long a process's memory may stay above its <c>memory_limit</c> before it is restarted.</summary>
    public static readonly TimeSpan MemoryLimitGrace = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a switch waits for a router replica that is reachable but has not acked the new table (HOCON
    /// <c>orch.routing.ack-timeout</c>). One found unreachable is not waited for at all.
    /// </summary>
    public static readonly TimeSpan RouteAckTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How often a draining process's <c>drain_check</c> is asked whether it is idle.</summary>
    public static readonly TimeSpan DrainCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one <c>drain_check</c> may take; one that takes longer is killed and counts as busy.</summary>
    public static readonly TimeSpan DrainCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a <c>quiet</c> hook may take before it is killed (logged; the drain goes on).</summary>
    public static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);
    public const int RestartMaxRestarts = 5;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromSeconds(60);
    public const double RestartBackoffFactor = 2.0;
    public static readonly TimeSpan RestartInitialDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RestartMaxDelay = TimeSpan.FromSeconds(30);
    public const int RetentionKeep = 10;

    /// <summary>How long a release hook (<c>[hooks] pre_switch</c>, <c>post_switch</c>) may run before it is killed.</summary>
    public static readonly TimeSpan ReleaseHookTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The most <c>shared_dirs</c> an app may name.</summary>
    public const int SharedDirsMax = 32;

    /// <summary>Where an app's shared dirs live, under the state directory: <c>shared/&lt;app&gt;/&lt;path&gt;</c>.</summary>
    public const string SharedDirectoryName = "shared";

    /// <summary>Worker nodes that run an app's proxied process (<c>placement.replicas</c>), and the most it may ask for.</summary>
    public const int PlacementReplicas = 1;

    public const int PlacementMaxReplicas = 16;

    /// <summary>The role of the nodes that host apps.</summary>
    public const string PlacementRole = "worker";

    public const int RailwayReplicas = 1;

    /// <summary>
    /// Where a Railway service's app runs when its <c>cwd</c> does not say: Railway's builders (Nixpacks, Railpack) put it
    /// in <c>/app</c>, and its shared dir's volume mounts under it.
    /// </summary>
    public const string RailwayAppDirectory = "/app";

    /// <summary>This build's version without its source revision: the tag of the images it defaults to.</summary>
    private static readonly string ImageTag =
        (typeof(Defaults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0").Split('+')[0];

    /// <summary>Railway's own default: how long a deployment may take to answer its health check.</summary>
    public static readonly TimeSpan RailwayHealthcheckTimeout = TimeSpan.FromSeconds(300);
    public const int RailwayMaxRetries = 10;
    public const int RailwayPort = 8080;

    /// <summary>The images <c>docker/router.Dockerfile</c> and <c>docker/control.Dockerfile</c> build, tagged with this build's version.</summary>
    public static readonly string RailwayRouterImage = "ghcr.io/orchestrator-dev/orch-router:" + ImageTag;
    public static readonly string RailwayControlImage = "ghcr.io/orchestrator-dev/orch-control:" + ImageTag;

    /// <summary>The Redis image of the baseline's own Redis (<c>&lt;prefix&gt;-redis</c>) when no <c>--redis-url</c> is given.</summary>
    public const string RailwayRedisImage = "redis:7";

    /// <summary>The port of the control service's API (its <c>PORT</c>), where its public domain points.</summary>
    public const int RailwayControlPort = 8080;

    /// <summary>The control service's router feed (<c>ORCH_FEED_PORT</c>), which the router service reads over the private network.</summary>
    public const int RailwayFeedPort = 7070;

    /// <summary>Where <c>orch railway scaffold</c> writes a control token it generated, relative to the config's directory.</summary>
    public static readonly string RailwayControlTokenFile = Path.Combine(".orch", "railway-control-token");

    /// <summary>The shortest bearer token a TCP control API accepts: a guessable one would hand the daemon to anyone who can reach it.</summary>
    public const int ControlTokenMinimumLength = 16;

    /// <summary>An app's actor is restarted after this many failures within <see cref="AppRestartWindow"/>, then stays down.</summary>
    public const int AppMaxRestarts = 3;
    public static readonly TimeSpan AppRestartWindow = TimeSpan.FromMinutes(1);
    public const string PortRange = "18000-18999";

    /// <summary><c>[logs] max_size</c>: a process log at or above this many bytes is rotated (the daemon's own log too).</summary>
    public const long LogMaxSize = 50L * 1024 * 1024;

    /// <summary><c>[logs] keep</c>: how many rotated files (<c>.1</c> … <c>.keep</c>) stay beside the live log.</summary>
    public const int LogKeep = 5;

    /// <summary>The smallest <c>max_size</c> accepted: below it a chatty process would be rotated on every look.</summary>
    public const long LogMinMaxSize = 1024;

    /// <summary>The most rotated files <c>[logs] keep</c> may ask for.</summary>
    public const int LogMaxKeep = 100;

    /// <summary>How often the daemon looks at the size of its own log file.</summary>
    public static readonly TimeSpan DaemonLogCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The file the daemon's output is appended to, which it then rotates; <c>--ensure-daemon</c> sets it to <c>daemon.log</c>.</summary>
    public const string DaemonLogEnvironmentVariable = "ORCH_DAEMON_LOG";

    /// <summary>The daemon's own log: rotate at this size (<c>50MB</c>, units as <c>[logs] max_size</c>).</summary>
    public const string LogMaxSizeEnvironmentVariable = "ORCH_LOG_MAX_SIZE";

    /// <summary>The daemon's own log: keep this many rotated files.</summary>
    public const string LogKeepEnvironmentVariable = "ORCH_LOG_KEEP";

    /// <summary>Set by systemd when the output goes to the journal: the daemon then writes no log file of its own.</summary>
    public const string JournalStreamEnvironmentVariable = "JOURNAL_STREAM";
    public const int LogRingLines = 500;

    /// <summary>How many of the node's own Akka log lines it keeps in memory for <c>orch log peek</c> and <c>orch log tail</c>.</summary>
    public const int NodeLogRingLines = 1000;

    /// <summary>How many lines an <c>orch log tail</c> may fall behind before it loses lines (logging never waits for it).</summary>
    public const int NodeLogTailBuffer = 1000;

    /// <summary>How long <c>orch cluster-sharding region-stats</c> waits for every node's region to report.</summary>
    public static readonly TimeSpan ShardingStatsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>At most this many actors in one <c>orch actor hierarchy</c> answer.</summary>
    public const int ActorHierarchyMaxActors = 5000;

    /// <summary>At most this many <c>[[process]]</c> entries in one app's config.</summary>
    public const int MaxProcessesPerApp = 64;

    /// <summary>At most this many bytes (UTF-8) of <c>orch.toml</c>; checked by the CLI before sending and by the daemon.</summary>
    public const int MaxConfigBytes = 1024 * 1024;

    /// <summary>At most this many lines per <c>orch logs</c> request (<c>--lines</c>), read from the end of each file.</summary>
    public const int MaxLogLines = 10_000;

    /// <summary>At most this many bytes in a control API request body: the largest config plus room for the rest of the request.</summary>
    public const long MaxRequestBodyBytes = 2L * MaxConfigBytes + 64 * 1024;
    public const string ConfigFileName = "orch.toml";
    public const string StateDirEnvironmentVariable = "ORCH_STATE_DIR";
    public const string ControlEnvironmentVariable = "ORCH_CONTROL";

    /// <summary><c>orch daemon --feed-listen</c>: the TCP address of its router feed, for routers on other hosts.</summary>
    public const string FeedListenEnvironmentVariable = "ORCH_FEED_LISTEN";

    /// <summary><c>orch router --feed</c>: the HOST:PORT of a daemon's TCP feed, read instead of the state directory's socket.</summary>
    public const string FeedEnvironmentVariable = "ORCH_FEED";
    public const string ControlSocketFileName = "orch.sock";
    public const string JournalFileName = "journal.db";
    public const string JournalBackupFileName = "journal.db.backup";
    public const string StateLockFileName = "daemon.lock";

    /// <summary>How long the control API stays quiet before the daemon compacts its heap and returns the free memory.</summary>
    public static readonly TimeSpan IdleCollectDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long after a snapshot the journal is backed up; snapshots meanwhile share that backup.</summary>
    public static readonly TimeSpan JournalBackupDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long the daemon waits at start for a Redis journal to answer before it refuses to start.</summary>
    public static readonly TimeSpan RedisJournalStartTimeout = TimeSpan.FromSeconds(5);
    public const string DaemonLogFileName = "daemon.log";
    public const string LogsDirectoryName = "logs";
    public const string ClusterCertificateFileName = "cluster.pem";
    public static readonly TimeSpan ClusterCertificateValidity = TimeSpan.FromDays(3650);

    /// <summary>How often <c>orch events --follow</c> asks the journal for new events.</summary>
    public static readonly TimeSpan EventLogPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The most entries one <c>orch events --limit</c> may ask for.</summary>
    public const int MaxEventLogLimit = 10_000;

    /// <summary>The state directory: <c>$ORCH_STATE_DIR</c>, else <c>~/.local/state/orch</c>.</summary>
    public static string StateDirectory() =>
        Environment.GetEnvironmentVariable(StateDirEnvironmentVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "orch");

    /// <summary>The control socket: <c>$ORCH_CONTROL</c>, else <c>orch.sock</c> in the state directory.</summary>
    public static string ControlSocketPath() =>
        Environment.GetEnvironmentVariable(ControlEnvironmentVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(StateDirectory(), ControlSocketFileName);
}
