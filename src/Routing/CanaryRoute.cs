namespace Orchestrator.Routing;

/// <summary>
/// A canary deployment and the rule that picks its requests: <paramref name="Percent"/> of the clients (1-99, kept on
/// their side by the <see cref="StickyCookie"/>), or, when <paramref name="CookieName"/> is set, only the requests
/// that carry that cookie with <paramref name="CookieValue"/>. Every router replica applies the same rule, so a client
/// gets the same side from any of them.
/// </summary>
public sealed record CanaryRoute(string DeploymentId, int Percent = 0, string? CookieName = null, string? CookieValue = null)
{
    /// <summary>The cookie that keeps a client on its side of a percentage split: its bucket, 0-99.</summary>
    public const string StickyCookie = "orch_canary";

    /// <summary>How many buckets a percentage splits the clients into.</summary>
    public const int Buckets = 100;

    public bool ByCookie => CookieName is not null;

    /// <summary>The rule as people read it: <c>20%</c> or <c>cookie:beta=1</c>.</summary>
    public string Rule => ByCookie ? $"cookie:{CookieName}={CookieValue}" : $"{Percent}%";
}
