using Orchestrator.Actors.Processes;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class ProcStatTests
{
    private const string Tail = " 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 123456 1000 200";

    [Fact]
    public void Parse_CommandNameWithSpacesAndParens_ReadsGroupAndStartTime()
    {
        var stat = ProcStat.Parse("4242 (my (odd) app) S 1 4242 4242" + Tail);

        Assert.Equal(new ProcStat.Stat(4242, 123456), stat);
    }

    [Fact]
    public void Parse_Zombie_IsGone() => Assert.Null(ProcStat.Parse("4242 (app) Z 1 4242 4242" + Tail));

    [Fact]
    public void StartTimeTicks_OwnProcess_IsStable()
    {
        var ticks = ProcStat.StartTimeTicks(Environment.ProcessId);

        Assert.NotNull(ticks);
        Assert.True(ProcStat.IsSameProcess(Environment.ProcessId, ticks.Value));
        Assert.False(ProcStat.IsSameProcess(Environment.ProcessId, ticks.Value + 1));
    }
}
