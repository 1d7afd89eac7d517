using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Routing;

namespace Orchestrator.Router.Canary;

/// <summary>
/// Where a request goes while the app has a canary: a cookie rule sends exactly the requests carrying that cookie to
/// it; a percentage sends the clients whose <see cref="CanaryBucket"/> is below it. Everything else goes to the active
/// deployment. Without a canary the active one serves all, whatever cookie the client holds.
/// </summary>
internal static class CanaryChoice
{
    public static DeploymentTarget For(AppRoute route, DeploymentTarget active, HttpContext context)
    {
        if (route.Canary is not { } canary || route.CanaryRule is not { } rule)
        {
            return active;
        }

        if (rule.CookieName is { } name)
        {
            return context.Request.Cookies[name] == rule.CookieValue ? canary : active;
        }

        return CanaryBucket.Of(context) < rule.Percent ? canary : active;
    }
}
