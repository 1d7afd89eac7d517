using Orchestrator.Cli.Prompt;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Prompt;

public sealed class ConsoleHistoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"orch-history-{Guid.NewGuid():N}");

    [Fact]
    public void Add_KeepsLinesInOrder_SkipsBlanksAndRepeats_AndTheNextSessionReadsThem()
    {
        var history = new ConsoleHistory(_path);
        history.Add("cluster show");
        history.Add("cluster show");
        history.Add("  ");
        history.Add("deployments");

        Assert.Equal(["cluster show", "deployments"], history.Entries);
        Assert.Equal(["cluster show", "deployments"], new ConsoleHistory(_path).Entries);
    }

    [Fact]
    public void Add_FileNotWritable_KeepsTheHistoryInMemory()
    {
        var history = new ConsoleHistory("/proc/orch-no-such-dir/history");
        history.Add("cluster show");

        Assert.Equal(["cluster show"], history.Entries);
    }

    public void Dispose() => File.Delete(_path);
}
