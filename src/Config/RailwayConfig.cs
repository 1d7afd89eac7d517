using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>
/// <c>[railway]</c>: the app deploys to Railway, one service per deployment behind a stable router service. Its
/// deployment's image is the app's proxied process (<see cref="AppConfig.Proxied"/>, synthesized by the reader).
/// </summary>
public sealed record RailwayConfig
{
    /// <summary>The id of the proxied process the reader synthesizes for a Railway app: its deployment.</summary>
    public const string ProxiedProcessId = "web";

    /// <summary>
    /// The proxied process's <see cref="ProcessConfig.Command"/> when <c>[railway]</c> names neither an image nor a repo:
    /// <c>orch deploy --image</c> gives the image, and whoever deploys reads it from there, never from this placeholder.
    /// </summary>
    public const string ImageFromCommandLine = "railway:image";

    public required RailwayTarget Workspace { get; init; }
    public required RailwayTarget Project { get; init; }
    public required RailwayTarget Environment { get; init; }

    /// <summary>What each deployment runs: an image, or a repo at a branch; null image and repo: <c>--image</c> gives it.</summary>
    public string? Image { get; init; }

    public string? Repo { get; init; }
    public string? Branch { get; init; }

    public int Replicas { get; init; } = Defaults.RailwayReplicas;
    public string? Region { get; init; }
    public required string HealthcheckPath { get; init; }
    public TimeSpan HealthcheckTimeout { get; init; } = Defaults.RailwayHealthcheckTimeout;
    public RailwayRestartPolicy RestartPolicy { get; init; } = RailwayRestartPolicy.OnFailure;
    public int MaxRetries { get; init; } = Defaults.RailwayMaxRetries;
    public string? StartCommand { get; init; }

    /// <summary>The port the deployment listens on, given to it as <c>PORT</c>.</summary>
    public int Port { get; init; } = Defaults.RailwayPort;

    public string RouterImage { get; init; } = Defaults.RailwayRouterImage;
    public string ControlImage { get; init; } = Defaults.RailwayControlImage;

    /// <summary>Every service of the app is named <c>&lt;prefix&gt;-…</c>; defaults to the app name.</summary>
    public required string ServicePrefix { get; init; }

    /// <summary>Null: <c>RAILWAY_API_URL</c>, else Railway's public endpoint.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>The app's <c>service</c> processes: stable services of the baseline, the only ones that may have a volume.</summary>
    public ImmutableArray<RailwayServiceConfig> Services { get; init; } = [];

    /// <summary>The service whose volume holds the app's shared dir, if <c>shared_dirs</c> names one.</summary>
    public RailwayServiceConfig? SharedDirService => Services.FirstOrDefault(s => s.SharedDir is not null);

    /// <summary>The suffixes of the baseline's own services (<c>&lt;prefix&gt;-router</c>, ...): no process or deployment may take them.</summary>
    public static readonly IReadOnlyList<string> BaselineRoles = ["router", "control", "env", "redis"];

    public string RouterServiceName => ServicePrefix + "-router";
    public string ControlServiceName => ServicePrefix + "-control";
    public string EnvServiceName => ServicePrefix + "-env";
    public string RedisServiceName => ServicePrefix + "-redis";

    public string DeploymentServiceName(string deploymentId) => $"{ServicePrefix}-{deploymentId}";
}

/// <summary>A workspace, project or environment, named by its name or its id (the <c>_id</c> key).</summary>
public sealed record RailwayTarget(string? Name, string? Id)
{
    public override string ToString() => Id ?? Name ?? "";
}

public enum RailwayRestartPolicy
{
    OnFailure,
    Always,
    Never,
}

/// <summary>
/// A <c>service</c> process of a Railway app: a stable service of the baseline (<c>&lt;prefix&gt;-&lt;id&gt;</c>) running
/// <paramref name="Image"/>, with an optional start command and volume.
/// </summary>
/// <param name="VolumeMountPath">Its <c>volume</c>, or the mount of the app's shared dir when it holds it.</param>
public sealed record RailwayServiceConfig(string Id, string Image, string? StartCommand, string? VolumeMountPath)
{
    /// <summary>Its <c>cwd</c>: the absolute directory its image runs the app from, where the shared dir mounts; null: <see cref="Defaults.RailwayAppDirectory"/>.</summary>
    public string? Cwd { get; init; }

    /// <summary>The app's <c>shared_dirs</c> entry whose volume this service carries (at <see cref="VolumeMountPath"/>); null: none.</summary>
    public string? SharedDir { get; init; }
}
