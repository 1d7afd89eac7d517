using System.Net;
using Orchestrator.Hosting.Tls;

namespace Orchestrator.Hosting;

/// <summary>How <c>orch daemon</c> runs a node.</summary>
public sealed record NodeOptions
{
    public required string StateDirectory { get; init; }
    public required string ControlSocketPath { get; init; }

    /// <summary>Unix file mode of the control socket, octal (e.g. <c>660</c>); null means owner only (<c>600</c>).</summary>
    public string? ControlSocketMode { get; init; }

    /// <summary>The control API's TCP address and token (<c>--control-listen</c>); null serves the socket only.</summary>
    public Control.RemoteControl? RemoteControl { get; init; }

    /// <summary>The router feed's TCP address and token (<c>--feed-listen</c>); null serves the feed on its socket only.</summary>
    internal RouterProcess.RemoteFeed? RemoteFeed { get; init; }

    /// <summary>
    /// The Railway token given to this daemon (<c>RAILWAY_TOKEN</c> or <c>RAILWAY_API_TOKEN</c>), for apps with
    /// <c>[railway]</c>; null: such an app's deploy fails saying how to give one.
    /// </summary>
    internal Railway.Auth.RailwayToken? RailwayToken { get; init; }

    /// <summary><c>RAILWAY_API_URL</c>; null: Railway's public endpoint (an app's <c>api_url</c> wins over both).</summary>
    public string? RailwayApiUrl { get; init; }

    /// <summary>Start on a missing or empty SQLite journal even though app processes of this state directory still run.</summary>
    public bool AcceptEmptyJournal { get; init; }

    /// <summary>The journal and snapshot store: SQLite in the state directory unless Redis is chosen.</summary>
    public JournalChoice Journal { get; init; } = JournalChoice.Embedded;

    public ClusterMembership Cluster { get; init; } = ClusterMembership.ClusterOfOne;

    /// <summary>When set, the router binds every app's listen port on this address instead of the host in <c>proxy.listen</c>.</summary>
    public IPAddress? ListenHost { get; init; }

    /// <summary>A HOCON file whose settings override every other Akka setting (operators' escape hatch, e.g. failure detection).</summary>
    public string? AkkaConfigPath { get; init; }

    /// <summary>
    /// The cluster's certificate and key (one PEM file, the same on every node and router). Null: a cluster of one uses
    /// the one in its state directory, created on first start; a node with seeds cannot start.
    /// </summary>
    public string? ClusterCertificatePath { get; init; }

    /// <summary>The problems of a combination of options, each with how to fix it; empty when the node can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Cluster.IsClusterOfOne && !Cluster.IsEdgeRouter && !Journal.IsRedis)
        {
            yield return "a cluster of several nodes needs a shared journal: add --journal redis://HOST:PORT (the same on every node)";
        }

        if (!Cluster.IsClusterOfOne && ClusterCertificatePath is null)
        {
            yield return "a cluster of several nodes needs the cluster's certificate: create one with `orch cluster init-cert FILE`, " +
                $"copy the same file to every node and router (mode 600) and give it with --cluster-cert FILE (or ${ClusterCertificate.EnvironmentVariable})";
        }

        if (ClusterCertificatePath is { } certificate && ClusterCertificate.Problem(certificate) is { } badCertificate)
        {
            yield return badCertificate;
        }

        if (ControlSocketMode is { } mode && Control.SocketMode.TryParse(mode, out var unixMode) && SharesBeyondOwner(unixMode)
            && IsUnder(ControlSocketPath, StateDirectory))
        {
            yield return $"--socket-mode {mode} shares the control socket, but it lies in the state directory {StateDirectory}, which only its owner " +
                "may enter (0700); put the socket where the group can reach it, e.g. --control /run/orch/orch.sock --socket-mode 660";
        }

        if (RemoteFeed is { } feed && !Cluster.IsRouter)
        {
            yield return $"--feed-listen {feed.Endpoint} serves this node's router feed, and a node without the router role has none; " +
                "add router to --roles or drop --feed-listen";
        }

        if (AkkaConfigPath is { } path && !File.Exists(path))
        {
            yield return $"the Akka config file {path} does not exist; give an existing HOCON file or drop --akka-config";
        }
    }

    private static bool SharesBeyondOwner(UnixFileMode mode) =>
        (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;

    private static bool IsUnder(string path, string directory) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + "/", StringComparison.Ordinal);
}
