using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Router.Configuration;

/// <summary>Tells each <see cref="RouteSnapshot"/> whether YARP applied it, so a table install can wait for it.</summary>
internal sealed class ConfigAppliedListener(ListenerState state) : IConfigChangeListener
{
    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        foreach (var snapshot in proxyConfigs.OfType<RouteSnapshot>())
        {
            state.MarkApplied(snapshot);
        }
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        foreach (var snapshot in proxyConfigs.OfType<RouteSnapshot>())
        {
            snapshot.MarkFailed(exception);
        }
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        // Loaded is not yet serving; only Applied counts.
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
        // Our provider builds snapshots in memory; a failure surfaces in ConfigurationApplyingFailed.
    }
}
