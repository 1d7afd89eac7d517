using Orchestrator.Actors.Releases;
using Xunit;

namespace Orchestrator.Actors.Tests.Releases;

/// <summary>Linking shared dirs into real release directories on disk.</summary>
public sealed class SharedDirectoriesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orch-shared-").FullName;

    private string State => Path.Combine(_root, "state");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Link_MakesNestedLinksToDirectoriesThatOutliveTheRelease()
    {
        var r1 = Release("r1");
        Assert.Null(SharedDirectories.Link(State, "shop", r1, ["data/workspace", "uploads"]));
        File.WriteAllText(Path.Combine(r1, "data", "workspace", "a.txt"), "hello");

        var r2 = Release("r2");
        Assert.Null(SharedDirectories.Link(State, "shop", r2, ["data/workspace", "uploads"]));

        Assert.Equal("hello", File.ReadAllText(Path.Combine(r2, "data", "workspace", "a.txt")));
        Assert.Equal(5, SharedDirectories.SizeOf(SharedDirectories.Location(State, "shop", "data/workspace")));
    }

    [Fact]
    public void Link_AgainIntoTheSameRelease_KeepsItsLinks()
    {
        var release = Release("current");
        Assert.Null(SharedDirectories.Link(State, "shop", release, ["uploads"]));

        Assert.Null(SharedDirectories.Link(State, "shop", release, ["uploads"]));
    }

    [Fact]
    public void Link_ReleaseWithItsOwnCopy_IsRefusedAndNothingIsLinkedOrOverwritten()
    {
        var release = Release("r1");
        Directory.CreateDirectory(Path.Combine(release, "uploads"));
        File.WriteAllText(Path.Combine(release, "uploads", "own.txt"), "mine");

        var problem = SharedDirectories.Link(State, "shop", release, ["data", "uploads"]);

        Assert.NotNull(problem);
        Assert.Contains("ships its own 'uploads' (a directory)", problem.Reason);
        Assert.Contains("remove 'uploads' from the release", problem.Hint);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(release, "uploads", "own.txt")));
        Assert.False(Directory.Exists(Path.Combine(release, "data")), "no path is linked when one is refused");
    }

    [Fact]
    public void Link_ReleaseLinkingThePathElsewhere_IsRefused()
    {
        var release = Release("r1");
        File.CreateSymbolicLink(Path.Combine(release, "uploads"), "/tmp");

        var problem = SharedDirectories.Link(State, "shop", release, ["uploads"]);

        Assert.NotNull(problem);
        Assert.Contains("links 'uploads' to /tmp", problem.Reason);
    }

    private string Release(string name) => Directory.CreateDirectory(Path.Combine(_root, "releases", name)).FullName;
}
