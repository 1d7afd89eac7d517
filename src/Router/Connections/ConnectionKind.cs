namespace Orchestrator.Router.Connections;

/// <summary>What an open proxied connection is, as counted in <see cref="Routing.ConnectionCounts"/>.</summary>
internal enum ConnectionKind
{
    Http,
    WebSocket,
    Streaming,
}
