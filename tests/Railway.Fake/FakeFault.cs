namespace Orchestrator.Railway.Fake;

/// <summary>An answer the fake gives instead of executing a call.</summary>
internal abstract record FakeFault
{
    /// <summary>429 with <c>Retry-After</c>, as Railway answers an exhausted rate limit.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : FakeFault;

    /// <summary>A 5xx with a plain-text body.</summary>
    public sealed record ServerError(int Status) : FakeFault;

    /// <summary>A bare 401 with no GraphQL body, as a proxy in front of the API may answer.</summary>
    public sealed record Unauthorized : FakeFault;

    /// <summary>The edge's HTML "Access denied" page, as Cloudflare serves it in front of Railway.</summary>
    public sealed record AccessDeniedPage : FakeFault;
}
