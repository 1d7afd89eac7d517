using Orchestrator.Actors.Processes;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class ExitStatusTests
{
    [Theory]
    [InlineData(0, null, "exit 0")]
    [InlineData(1, null, "exit 1")]
    [InlineData(128, null, "exit 128")]
    [InlineData(137, "SIGKILL", "exit 137 (SIGKILL)")]
    [InlineData(143, "SIGTERM", "exit 143 (SIGTERM)")]
    [InlineData(139, "SIGSEGV", "exit 139 (SIGSEGV)")]
    [InlineData(200, null, "exit 200")]
    public void FromExitCode_NamesSignalsAbove128(int code, string? signal, string text)
    {
        var status = ExitStatus.FromExitCode(code);

        Assert.Equal(code, status.Code);
        Assert.Equal(signal, status.Signal);
        Assert.Equal(text, status.ToString());
    }
}
