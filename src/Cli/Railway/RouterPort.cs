using System.Globalization;
using Orchestrator.Config;

namespace Orchestrator.Cli.Railway;

/// <summary>The router service's port: the one of <c>[proxy] listen</c>, which a valid Railway app always has.</summary>
internal static class RouterPort
{
    public static int Of(AppConfig app)
    {
        var listen = app.Proxy?.Listen ?? throw new CliFailureException($"app {app.App} has no [proxy]: the router service listens on its listen address");
        return int.Parse(listen[(listen.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
