using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Routing;

namespace Orchestrator.Router.Canary;

/// <summary>
/// A client's place in a percentage split, 0-99, kept in the <see cref="CanaryRoute.StickyCookie"/> cookie so that it
/// stays on its side across requests, connections and router replicas. A client without the cookie gets the next bucket
/// of this router's sequence, and the cookie with it; a cookie the app set itself (a user id, say) is hashed to a bucket,
/// so an app can keep a user on one side across devices.
/// </summary>
internal static class CanaryBucket
{
    // Buckets are handed out as n * 61 mod 100: every 100 new clients in a row take each bucket once, and (61/100 being
    // close to the golden ratio) any shorter run spreads over them evenly, so the canary gets its share from the first
    // clients on, not only on average. One sequence per router process: the split holds per replica.
    private const uint Stride = 61;
    private static int _next = -1;

    public static int Of(HttpContext context)
    {
        if (context.Request.Cookies[CanaryRoute.StickyCookie] is { Length: > 0 } cookie)
        {
            return FromCookie(cookie);
        }

        var bucket = (int)((uint)Interlocked.Increment(ref _next) * Stride % CanaryRoute.Buckets);
        context.Response.OnStarting(static state =>
        {
            var (response, value) = ((HttpResponse, int))state;
            response.Headers.Append("Set-Cookie", SetCookie(value));
            return Task.CompletedTask;
        }, (context.Response, bucket));
        return bucket;
    }

    /// <summary>The bucket a cookie value stands for: its own number when it is one the router handed out, else its hash.</summary>
    public static int FromCookie(string cookie)
    {
        if (int.TryParse(cookie, NumberStyles.None, CultureInfo.InvariantCulture, out var bucket) && bucket < CanaryRoute.Buckets)
        {
            return bucket;
        }

        // FNV-1a: the same on every replica and every run, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in cookie)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % CanaryRoute.Buckets);
    }

    public static string SetCookie(int bucket) =>
        $"{CanaryRoute.StickyCookie}={bucket.ToString(CultureInfo.InvariantCulture)}; Path=/; Max-Age={(int)RouterDefaults.CanaryCookieLifetime.TotalSeconds}; HttpOnly; SameSite=Lax";
}
