namespace Orchestrator.Actors;

/// <summary>Every default the config, the CLI and the HOCON share, in one place.</summary>
public static class Defaults
{
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan HealthStartDelay = TimeSpan.Zero;
    public const string HealthPath = "/";
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);
    public const int RestartMaxRestarts = 5;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromSeconds(60);
    public const double RestartBackoffFactor = 2.0;
    public static readonly TimeSpan RestartInitialDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RestartMaxDelay = TimeSpan.FromSeconds(30);
    public const int RetentionKeep = 10;
    public const string PortRange = "18000-18999";
    public const int LogRingLines = 500;
    public const string ConfigFileName = "orch.toml";
    public const string StateDirEnvironmentVariable = "ORCH_STATE_DIR";
    public const string ControlEnvironmentVariable = "ORCH_CONTROL";
    public const string ControlSocketFileName = "orch.sock";
    public const string JournalFileName = "journal.db";
    public const string JournalBackupFileName = "journal.db.backup";
    public const string StateLockFileName = "daemon.lock";

    /// <summary>How long after a snapshot the journal is backed up; snapshots meanwhile share that backup.</summary>
    public static readonly TimeSpan JournalBackupDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long the daemon waits at start for a Redis journal to answer before it refuses to start.</summary>
    public static readonly TimeSpan RedisJournalStartTimeout = TimeSpan.FromSeconds(5);
    public const string DaemonLogFileName = "daemon.log";
    public const string LogsDirectoryName = "logs";

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
