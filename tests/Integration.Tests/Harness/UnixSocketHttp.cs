namespace Orchestrator.Integration.Tests.Harness;

/// <summary>The CLI's own client for the control socket, bounded in time, for requests the CLI never sends.</summary>
internal static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath)
    {
        var client = Orchestrator.Control.Client.UnixSocketHttp.Create(socketPath);
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }
}
