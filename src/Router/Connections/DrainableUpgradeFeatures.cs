using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>An HTTP/1.1 upgrade whose client stream the drain deadline can close at a frame boundary.</summary>
internal sealed class DrainableUpgradeFeature(IHttpUpgradeFeature inner, DrainableConnection connection) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync()
    {
        var stream = new DrainingUpgradedStream(await inner.UpgradeAsync().ConfigureAwait(false));
        connection.Upgraded(stream);
        return stream;
    }
}

/// <summary>An HTTP/2 extended CONNECT (WebSocket over HTTP/2) the drain deadline can close at a frame boundary.</summary>
internal sealed class DrainableExtendedConnectFeature(IHttpExtendedConnectFeature inner, DrainableConnection connection) : IHttpExtendedConnectFeature
{
    public bool IsExtendedConnect => inner.IsExtendedConnect;

    public string? Protocol => inner.Protocol;

    public async ValueTask<Stream> AcceptAsync()
    {
        var stream = new DrainingUpgradedStream(await inner.AcceptAsync().ConfigureAwait(false));
        connection.Upgraded(stream);
        return stream;
    }
}
