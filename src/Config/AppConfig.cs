using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>An app's <c>orch.toml</c>, parsed and validated. Immutable.</summary>
public sealed record AppConfig
{
    public required string App { get; init; }

    /// <summary>Null for an app without a <c>proxied</c> process (workers only).</summary>
    public ProxyConfig? Proxy { get; init; }

    public required ImmutableArray<ProcessConfig> Processes { get; init; }

    public RetentionConfig Retention { get; init; } = new();

    public PlacementConfig Placement { get; init; } = new();

    /// <summary><c>[logs]</c>: when each process log is rotated and how many rotated files are kept.</summary>
    public LogsConfig Logs { get; init; } = new();

    /// <summary><c>[hooks]</c>: commands run before and after the switch.</summary>
    public ReleaseHooksConfig Hooks { get; init; } = new();

    /// <summary>
    /// Paths relative to the release path linked to directories that outlive releases (normalized, no overlap). Empty for
    /// a Railway app: its one shared dir is a service's volume there (<see cref="RailwayServiceConfig.SharedDir"/>).
    /// </summary>
    public ImmutableArray<string> SharedDirs { get; init; } = [];

    /// <summary>Null for an app that runs on this host; set, its deployments are Railway services.</summary>
    public RailwayConfig? Railway { get; init; }

    /// <summary>The one <c>proxied</c> process, if the app has one.</summary>
    public ProcessConfig? Proxied => Processes.FirstOrDefault(p => p.Policy == ProcessPolicy.Proxied);
}

public sealed record ProxyConfig
{
    /// <summary>Listen address of the router for this app, <c>host:port</c>.</summary>
    public required string Listen { get; init; }

    /// <summary>Host headers this app answers on; empty means every host.</summary>
    public ImmutableArray<string> Hosts { get; init; } = [];

    public string HealthPath { get; init; } = Defaults.HealthPath;
    public TimeSpan HealthTimeout { get; init; } = Defaults.HealthTimeout;
    public TimeSpan DrainTimeout { get; init; } = Defaults.DrainTimeout;
    public TimeSpan StopTimeout { get; init; } = Defaults.StopTimeout;

    /// <summary>Route requests naming a live deployment (header, query, cookie) to it.</summary>
    public bool Affinity { get; init; }

    /// <summary>How long the router waits for the app's response headers; streams and WebSockets have no limit once they answered.</summary>
    public TimeSpan RequestTimeout { get; init; } = Defaults.RequestTimeout;
}

public enum ProcessPolicy
{
    Proxied,
    Companion,
    Singleton,
    Service,
}

public sealed record ProcessConfig
{
    public required string Id { get; init; }
    public required ProcessPolicy Policy { get; init; }

    /// <summary>A shell command line, templates not yet rendered.</summary>
    public required string Command { get; init; }

    /// <summary>Working directory template; null means the release path.</summary>
    public string? Cwd { get; init; }

    public PortRange? Port { get; init; }
    public ImmutableDictionary<string, string> Env { get; init; } = ImmutableDictionary<string, string>.Empty;
    public HealthConfig? Health { get; init; }
    public RestartConfig Restart { get; init; } = new();
    public TimeSpan GracefulStop { get; init; } = Defaults.GracefulStop;

    /// <summary>Resident memory in bytes above which, for <see cref="MemoryLimitGrace"/>, the process is restarted; null means no limit.</summary>
    public long? MemoryLimit { get; init; }

    public TimeSpan MemoryLimitGrace { get; init; } = Defaults.MemoryLimitGrace;

    /// <summary>Run once when its deployment starts draining: stop taking new work. Null: nothing is sent.</summary>
    public DrainHook? Quiet { get; init; }

    /// <summary>Polled while its deployment drains; the deployment retires only once it says idle (or at the drain deadline).</summary>
    public DrainHook? DrainCheck { get; init; }

    public TimeSpan DrainCheckInterval { get; init; } = Defaults.DrainCheckInterval;
}

public sealed record PortRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}

public sealed record HealthConfig
{
    public string Path { get; init; } = Defaults.HealthPath;
    public TimeSpan Interval { get; init; } = Defaults.HealthInterval;
    public TimeSpan StartDelay { get; init; } = Defaults.HealthStartDelay;
    public TimeSpan Timeout { get; init; } = Defaults.HealthTimeout;

    /// <summary>How often the process is probed once its deployment is active.</summary>
    public TimeSpan IntervalActive { get; init; } = Defaults.HealthIntervalActive;

    /// <summary>Failed probes in a row that make an active process unhealthy (it is then restarted).</summary>
    public int UnhealthyAfter { get; init; } = Defaults.HealthUnhealthyAfter;
}

public sealed record RestartConfig
{
    public int MaxRestarts { get; init; } = Defaults.RestartMaxRestarts;
    public TimeSpan Window { get; init; } = Defaults.RestartWindow;
    public double BackoffFactor { get; init; } = Defaults.RestartBackoffFactor;
    public TimeSpan InitialDelay { get; init; } = Defaults.RestartInitialDelay;
    public TimeSpan MaxDelay { get; init; } = Defaults.RestartMaxDelay;
}

/// <summary>How many worker nodes run the proxied process: one instance each, all destinations of the deployment.</summary>
public sealed record PlacementConfig
{
    public int Replicas { get; init; } = Defaults.PlacementReplicas;
    public string Role { get; init; } = Defaults.PlacementRole;
}

public sealed record RetentionConfig
{
    public int Keep { get; init; } = Defaults.RetentionKeep;
}

/// <summary>
/// <c>[logs]</c>: a process log that reaches <see cref="MaxSize"/> bytes is copied to <c>&lt;name&gt;.1</c> (the older
/// ones shifted up to <c>.keep</c>, the oldest dropped) and truncated, while the process keeps writing.
/// </summary>
public sealed record LogsConfig
{
    public long MaxSize { get; init; } = Defaults.LogMaxSize;
    public int Keep { get; init; } = Defaults.LogKeep;
}
