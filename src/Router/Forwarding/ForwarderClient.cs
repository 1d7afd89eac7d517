using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Forwarding;

/// <summary>
/// A listener's HTTP client to the apps, built by YARP's own <see cref="ForwarderHttpClientFactory"/> as it builds a
/// cluster's (no proxy, redirects, decompression or cookies; a 15 s connect timeout). One per listener rather than per
/// deployment: a request that read the previous snapshot may still be forwarding to a deployment the table just
/// dropped, and nothing is disposed under it. The handler pools connections per destination anyway.
/// </summary>
internal static class ForwarderClient
{
    public static HttpMessageInvoker Create(string listener, ILoggerFactory loggerFactory) =>
        new ForwarderHttpClientFactory(loggerFactory.CreateLogger<ForwarderHttpClientFactory>()).CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = listener,
            OldConfig = HttpClientConfig.Empty,
            NewConfig = HttpClientConfig.Empty,
        });
}
