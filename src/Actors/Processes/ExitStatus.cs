namespace Orchestrator.Actors.Processes;

/// <summary>How a run of a process ended, as far as we can tell.</summary>
/// <remarks>
/// On Unix, .NET reports a child killed by signal N as exit code 128+N, the shell's convention; a program that
/// calls <c>exit(137)</c> itself looks the same. We keep the raw code and name the signal whenever the code is
/// 128+N for a known N, so <c>137</c> reads "exit 137 (SIGKILL)". An adopted process is not our child: its exit
/// status is not ours to collect, so both are unknown.
/// </remarks>
internal sealed record ExitStatus(int? Code, string? Signal)
{
    private const int SignalBase = 128;
    private const int MaxSignal = 31;

    public static readonly ExitStatus Unknown = new(null, null);

    public static ExitStatus FromExitCode(int code) =>
        code is > SignalBase and <= SignalBase + MaxSignal
            ? new ExitStatus(code, PosixSignals.Name(code - SignalBase))
            : new ExitStatus(code, null);

    public override string ToString() => (Code, Signal) switch
    {
        (null, null) => "exit status unknown (adopted process)",
        ({ } code, null) => $"exit {code}",
        (null, { } signal) => signal,
        ({ } code, { } signal) => $"exit {code} ({signal})",
    };
}
