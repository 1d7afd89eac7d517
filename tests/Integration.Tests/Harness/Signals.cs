using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Signals .NET's <c>Process</c> cannot send, through <c>kill(1)</c>: freezing and thawing a process.</summary>
internal static class Signals
{
    public static Task StopAsync(int pid) => SendAsync("-STOP", pid);

    public static Task ContinueAsync(int pid) => SendAsync("-CONT", pid);

    public static Task KillAsync(int pid) => SendAsync("-KILL", pid);

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} exited with {kill.ExitCode}");
        }
    }
}
