namespace Orchestrator.Router;

/// <summary>The router's named defaults, in one place.</summary>
internal static class RouterDefaults
{
    /// <summary>How long a replica waits for YARP to apply a table before it rejects it.</summary>
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a starting router waits for its daemon's complete snapshot of current tables before it serves its saved
    /// ones instead (at once when no daemon answers at all).
    /// </summary>
    public static readonly TimeSpan FeedSnapshotWait = TimeSpan.FromSeconds(5);

    /// <summary>How often a replica reports connection counts to each table's owner.</summary>
    public static readonly TimeSpan CountsReportInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a listener no table uses anymore lets in-flight requests finish before it aborts them.
    /// Short, because the gate that installs tables is held meanwhile.
    /// </summary>
    public static readonly TimeSpan ListenerStopGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a proxied request may go without a byte either way. YARP's 100 s default would cut a quiet SSE
    /// stream of a long AI job; a dead upstream still ends the response at once (its socket resets).
    /// </summary>
    public static readonly TimeSpan UpstreamActivityTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// At a drain deadline, how long a WebSocket's frame in flight may take to end before its 1012 close, and then how
    /// long the close handshake may take, before the router cuts the connection.
    /// </summary>
    public static readonly TimeSpan DrainCloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a request waits for the app's response headers when its table names no request timeout.</summary>
    public static readonly TimeSpan RequestTimeout = Orchestrator.Defaults.RequestTimeout;

    /// <summary>
    /// How long a stopping router (a hand-over, or SIGTERM) lets connections to a deployment that is not draining run
    /// before it aborts them: the longest AI run the product is built for. Connections to a draining deployment end at
    /// its drain deadline, which the control plane still sends.
    /// </summary>
    public static readonly TimeSpan HandOverDrainTimeout = TimeSpan.FromMinutes(60);

    /// <summary>After a member comes up, when a replica announces itself again (and once more at four times this).</summary>
    public static readonly TimeSpan AnnounceAgainAfter = TimeSpan.FromSeconds(1);

    /// <summary>The most connections a listener opens to a deployment before traffic switches to it.</summary>
    public const int WarmConnectionsMax = 256;

    /// <summary>
    /// How long a switch waits for those connections. The install gate is held meanwhile, and the previous deployment
    /// keeps serving; what is not open by then, requests open.
    /// </summary>
    public static readonly TimeSpan WarmBudget = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the router GETs the warm path of each destination of a deployment with several (replicas on
    /// several hosts), so it sends nothing to one that is down and takes it back once it answers again.
    /// </summary>
    public static readonly TimeSpan DestinationProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe of a destination may take (to connect, and to answer) before it counts as down.</summary>
    public static readonly TimeSpan DestinationProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a client keeps its canary bucket cookie (<c>orch_canary</c>), and so its side of a split.</summary>
    public static readonly TimeSpan CanaryCookieLifetime = TimeSpan.FromDays(30);

    /// <summary>Affinity header naming a deployment.</summary>
    public const string AffinityHeader = "X-Orch-Deployment";

    /// <summary>Affinity query parameter and cookie naming a deployment.</summary>
    public const string AffinityParameter = "orch_deployment";
}
