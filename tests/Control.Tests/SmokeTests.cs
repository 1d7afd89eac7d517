namespace Orchestrator.Control.Tests;

public sealed class SmokeTests
{
    [Xunit.Fact]
    public void Assembly_loads() => Xunit.Assert.NotNull(typeof(SmokeTests).Assembly);
}
