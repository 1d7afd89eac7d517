using Akka.Actor;
using Orchestrator.Railway;
using Orchestrator.Railway.Auth;

namespace Orchestrator.Actors.Railway;

/// <summary>
/// What a node lends the deployments of its Railway apps: one token (given to the daemon explicitly), a client per API
/// endpoint, the janitor that deletes their services, and how often a deploy asks Railway how its deployment is doing.
/// </summary>
internal sealed class RailwayRuntime
{
    private readonly HttpClient _http;
    private readonly RailwayToken _token;
    private readonly string? _defaultApiUrl;
    private readonly Dictionary<string, RailwayClient> _clients = [];
    private readonly Lock _lock = new();

    /// <param name="defaultApiUrl"><c>RAILWAY_API_URL</c>; null: Railway's public endpoint. An app's <c>api_url</c> wins.</param>
    public RailwayRuntime(HttpClient http, RailwayToken token, string? defaultApiUrl, RailwayTimings? timings = null)
    {
        _http = http;
        _token = token;
        _defaultApiUrl = defaultApiUrl;
        Timings = timings ?? RailwayTimings.Default;
    }

    public RailwayTimings Timings { get; }

    /// <summary>Set once the node's actor system runs (<see cref="StartJanitor"/>).</summary>
    public IActorRef Janitor { get; private set; } = ActorRefs.Nobody;

    public RailwayTokenKind TokenKind => _token.Kind;

    public RailwayClient ClientFor(string? apiUrl)
    {
        var endpoint = RailwayClientOptions.ForEndpoint(apiUrl ?? _defaultApiUrl);
        var key = endpoint.Endpoint.AbsoluteUri;
        lock (_lock)
        {
            if (!_clients.TryGetValue(key, out var client))
            {
                _clients[key] = client = new RailwayClient(_http, _token, endpoint with { Retry = Timings.Retry });
            }

            return client;
        }
    }

    public IActorRef StartJanitor(ActorSystem system)
    {
        Janitor = system.ActorOf(RailwayJanitorActor.Props(this), RailwayJanitorActor.Name);
        return Janitor;
    }
}
