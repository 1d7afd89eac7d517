using System.Globalization;

namespace Orchestrator.Bench.Cluster;

/// <summary>The run's knobs, read once from the environment; the defaults finish in well under 15 minutes on a quiet machine.</summary>
internal sealed record BenchSettings(
    int Deploys,
    int WarmupDeploys,
    int Kills,
    int WrkSeconds,
    int WrkConnections,
    int WrkThreads,
    IReadOnlySet<string> Parts,
    bool Keep)
{
    public const string SwitchPart = "switch";
    public const string RecoveryPart = "recovery";
    public const string ThroughputPart = "throughput";

    /// <summary>Longest wait for a cluster to be up, a deploy to finish, or a router to serve a revision.</summary>
    public static readonly TimeSpan ClusterUpTimeout = TimeSpan.FromSeconds(180);
    public static readonly TimeSpan DeployTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for an app to answer on another worker after SIGKILL: far above the target, so a slow run is measured, not cut.</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(180);

    public static BenchSettings FromEnvironment() => new(
        Deploys: Number("BENCH_CLUSTER_DEPLOYS", 50),
        WarmupDeploys: Number("BENCH_CLUSTER_WARMUP_DEPLOYS", 2),
        Kills: Number("BENCH_CLUSTER_KILLS", 3),
        WrkSeconds: Number("BENCH_CLUSTER_WRK_SECONDS", 10),
        WrkConnections: Number("BENCH_CLUSTER_WRK_CONNECTIONS", 64),
        WrkThreads: Number("BENCH_CLUSTER_WRK_THREADS", 2),
        Parts: (Environment.GetEnvironmentVariable("BENCH_CLUSTER_PARTS") is { Length: > 0 } parts ? parts : $"{SwitchPart},{RecoveryPart},{ThroughputPart}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal),
        Keep: Environment.GetEnvironmentVariable("BENCH_KEEP") == "1");

    /// <summary>Whether the run measures <paramref name="part"/>: <c>switch</c>, <c>throughput</c>, <c>recovery</c> (both), <c>recovery-default</c> or <c>recovery-tuned</c>.</summary>
    public bool Runs(string part) =>
        Parts.Contains(part) || (part.StartsWith(RecoveryPart, StringComparison.Ordinal) && Parts.Contains(RecoveryPart));

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
