using Orchestrator.Railway.Http;

namespace Orchestrator.Railway;

/// <summary>Where the client calls Railway and how long it retries.</summary>
internal sealed record RailwayClientOptions
{
    public static readonly Uri DefaultEndpoint = new("https://backboard.railway.com/graphql/v2");

    /// <summary>Railway's public GraphQL endpoint, or <c>RAILWAY_API_URL</c> / <c>[railway] api_url</c> when given.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    public RailwayRetryPolicy Retry { get; init; } = RailwayRetryPolicy.Default;

    /// <summary>The options for an optional endpoint override; a blank one keeps the default.</summary>
    public static RailwayClientOptions ForEndpoint(string? apiUrl) =>
        string.IsNullOrWhiteSpace(apiUrl) ? new() : new() { Endpoint = new Uri(apiUrl.Trim(), UriKind.Absolute) };
}
