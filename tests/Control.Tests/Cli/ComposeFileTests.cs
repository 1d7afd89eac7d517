using Orchestrator.CommandLine;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>
/// No Docker engine runs here, so docker/compose.cluster.yml is checked against this build instead: every orch
/// service's command is an <c>orch</c> verb that parses without an error, on the image that runs it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ComposeFileTests : IDisposable
{
    private const string ComposeFile = "docker/compose.cluster.yml";
    private readonly string _tokenFile = Path.GetTempFileName();

    public ComposeFileTests()
    {
        File.WriteAllText(_tokenFile, "compose-test-token\n");
        File.SetUnixFileMode(_tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Compose_RunsThreeWorkersTwoEdgeRoutersAndRedis()
    {
        var services = Services();

        Assert.Equal(["redis", "router1", "router2", "worker1", "worker2", "worker3"], services.Keys.Order(StringComparer.Ordinal));
        Assert.All(["worker1", "worker2", "worker3"], w => Assert.Equal(["daemon", "--roles", "worker"], Command(services[w]).Take(3)));
        Assert.All(["router1", "router2"], r => Assert.Equal(["router", "--seed"], Command(services[r]).Take(2)));
    }

    [Fact]
    public void Compose_EveryOrchServicesCommand_ParsesWithThisBuildsCommandLine()
    {
        foreach (var (name, service) in Services().Where(s => s.Key != "redis"))
        {
            Assert.Equal("docker/node.Dockerfile", Scalar(Mapping(service, "build"), "dockerfile"));
            // The secret's path exists only in the container: an equivalent token file stands in for it.
            var command = Command(service).Select(a => a == "/run/secrets/orch-token" ? _tokenFile : a).ToArray();

            var errors = NodeCommandLine.ParseErrors(command);

            Assert.True(errors.Count == 0, $"{name}: `orch {string.Join(' ', command)}`: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [InlineData("router", "--seed", "worker1:4053", "--roles", "worker")]
    [InlineData("router", "--listen-host", "0.0.0.0")]
    [InlineData("daemon", "--split-brain", "keep-everyone")]
    public void ParseErrors_ACommandThisBuildRefuses_IsReported(params string[] command) =>
        Assert.NotEmpty(NodeCommandLine.ParseErrors(command));

    public void Dispose() => File.Delete(_tokenFile);

    private static Dictionary<string, YamlMappingNode> Services()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), ComposeFile)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return Mapping(root, "services").Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
    }

    /// <summary>The service's own key, or the one it merges in from an anchor (<c>&lt;&lt;: *node</c>).</summary>
    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        (YamlMappingNode)(Find(node, key) ?? throw new KeyNotFoundException($"no {key} in {node.Start}"));

    private static string? Scalar(YamlMappingNode node, string key) => (Find(node, key) as YamlScalarNode)?.Value;

    private static YamlNode? Find(YamlMappingNode node, string key)
    {
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }

        return node.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode anchor ? Find(anchor, key) : null;
    }

    private static List<string> Command(YamlMappingNode service) =>
        [.. ((YamlSequenceNode)(Find(service, "command") ?? throw new KeyNotFoundException("a service without a command"))).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}
