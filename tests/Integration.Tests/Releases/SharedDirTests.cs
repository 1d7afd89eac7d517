using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Releases;

/// <summary><c>shared_dirs</c> outlive releases; a release that ships its own copy of one is refused, and nothing is overwritten.</summary>
public sealed class SharedDirTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task WrittenByRelease1_IsReadByRelease2_AndAReleaseWithItsOwnCopyIsRefused()
    {
        var app = TestApp.Create("workspace") with
        {
            TopLevel = "shared_dirs = [\"data/workspace\", \"uploads\"]",
            Environment = "WRITE_AT_START = \"data/workspace/notes.txt\"",
        };
        await _orch.DeployOkAsync(app, "r1");
        await _orch.DeployOkAsync(app, "r2");

        var notes = await DeployHarness.GetAsync(new Uri(app.BaseUri, "/file?path=data/workspace/notes.txt"));
        Assert.Equal("r1\nr2\n", notes);

        var release = app.WriteRelease(_orch.Root, "r3");
        Directory.CreateDirectory(Path.Combine(release, "uploads"));
        File.WriteAllText(Path.Combine(release, "uploads", "logo.png"), "the release's own copy");
        var refused = await _orch.RunAsync("deploy", "--config", Path.Combine(release, "orch.toml"), "--release-path", release, "--revision", "r3");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the release ships its own 'uploads' (a directory)", refused.Output);
        Assert.Contains("remove 'uploads' from the release", refused.Output);
        Assert.Equal("the release's own copy", File.ReadAllText(Path.Combine(release, "uploads", "logo.png")));
        Assert.False(File.Exists(Path.Combine(release, "data", "workspace", "notes.txt")), "a refused release gets no link at all");
        var status = await _orch.AppAsync(app.App);
        Assert.Equal(status.Deployment("r2").Id, status.ActiveDeploymentId);
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(app.BaseUri));
        var workspace = status.SharedDirs!.Value.Single(d => d.Path == "data/workspace");
        Assert.Equal(6, workspace.Bytes);
        Assert.StartsWith(_orch.StateDirectory, workspace.Location);
    }
}
