using Microsoft.AspNetCore.Http;

namespace Orchestrator.Router.Affinity;

/// <summary>Where a client names the deployment it wants: header, then query, then cookie.</summary>
internal static class AffinityKey
{
    public static string? Read(HttpRequest request)
    {
        if (request.Headers[RouterDefaults.AffinityHeader].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        if (request.Query[RouterDefaults.AffinityParameter].ToString() is { Length: > 0 } query)
        {
            return query;
        }

        return request.Cookies[RouterDefaults.AffinityParameter] is { Length: > 0 } cookie ? cookie : null;
    }
}
