using System.Text.RegularExpressions;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>
/// No Docker engine runs the images here, so each Dockerfile's ENTRYPOINT is checked against the real command line
/// instead: every option it passes is one the verb it runs accepts.
/// </summary>
public sealed partial class DockerfileEntrypointTests
{
    [Theory]
    [InlineData("router.Dockerfile", "orch-router", "router")]
    [InlineData("control.Dockerfile", "orch-daemon", "daemon")]
    public async Task Entrypoint_PassesOnlyOptionsItsVerbAccepts(string dockerfile, string executable, string verb)
    {
        var entrypoint = File.ReadLines(Path.Combine(RepositoryRoot(), "docker", dockerfile)).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        var options = Option().Matches(entrypoint).Select(m => m.Value).Distinct().ToList();
        var help = await CliRun.InvokeAsync(verb, "--help");

        Assert.Contains($"/{executable} {verb} ", entrypoint, StringComparison.Ordinal);
        Assert.NotEmpty(options);
        Assert.All(options, option => Assert.Contains($"  {option} ", help.Stdout, StringComparison.Ordinal));
    }

    /// <summary>The cluster's image runs `orch` itself: its compose file names the verbs (ComposeFileTests checks them).</summary>
    [Fact]
    public void NodeImage_RunsOrch_WithTheVerbAsItsCommand()
    {
        var lines = File.ReadLines(Path.Combine(RepositoryRoot(), "docker", "node.Dockerfile")).ToList();

        Assert.Contains("ENTRYPOINT [\"/opt/orch/orch\"]", lines);
        Assert.Contains(lines, l => l.StartsWith("USER orch", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }

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

    [GeneratedRegex(@"(?<=\s)--[a-z][a-z-]*")]
    private static partial Regex Option();
}
