using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Stacks;

public sealed class StackOrderTests
{
    [Fact]
    public void Topological_Diamond_PutsEachAppAfterItsDependenciesInFileOrderOtherwise()
    {
        var order = StackOrder.Topological([("frontend", ["db"]), ("mcp", ["db"]), ("db", ["worker"]), ("worker", [])]);

        Assert.Equal<string>(["worker", "db", "frontend", "mcp"], order!.Value);
    }

    [Fact]
    public void Topological_DependencyOutsideTheApps_IsIgnored() =>
        Assert.Equal<string>(["frontend"], StackOrder.Topological([("frontend", ["db"])])!.Value);

    [Fact]
    public void Topological_Cycle_IsNull() =>
        Assert.Null(StackOrder.Topological([("a", ["b"]), ("b", ["a"]), ("c", [])]));

    [Fact]
    public void Cycles_TwoSeparateCycles_NamesEachOnceFromItsFirstApp()
    {
        var cycles = StackOrder.Cycles([("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("d", ["e"]), ("e", ["d"]), ("f", ["a"])]);

        Assert.Equal(2, cycles.Length);
        Assert.Equal<string>(["a", "b", "c", "a"], cycles[0]);
        Assert.Equal<string>(["d", "e", "d"], cycles[1]);
    }

    [Fact]
    public void Cycles_AcyclicGraph_IsEmpty() =>
        Assert.Empty(StackOrder.Cycles([("a", []), ("b", ["a"]), ("c", ["a", "b"])]));
}
