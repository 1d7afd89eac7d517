using Xunit;

namespace Orchestrator.Control.Tests;

public sealed class IdleCollectorTests
{
    [Fact]
    public async Task Quiet_AfterTheDelay_RunsOneFullCompactingCollection()
    {
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        using var idle = new IdleCollector(TimeSpan.FromMilliseconds(100));

        idle.Touch();

        await Eventually.Within(WaitAsync(() => GC.GetGCMemoryInfo(GCKind.FullBlocking) is { Compacted: true } info && info.Index > before));
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(50);
        }

        return true;
    }
}
