using Orchestrator.Railway.Fake;

namespace Orchestrator.Railway.Tests.Support;

/// <summary>tests/TestApps/testapp.js, copied next to the test assembly; its modes are chosen by the service's variables.</summary>
internal static class TestApp
{
    public static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "testapp.js");

    /// <summary>Deployments of <paramref name="source"/> run the test app on the deployment's private domain and port.</summary>
    public static void MapTo(FakeSourceMap sources, string source) =>
        sources.Map(source, "node", [ScriptPath, FakeCommand.PortPlaceholder, FakeCommand.HostPlaceholder]);
}
