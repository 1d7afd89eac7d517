namespace Orchestrator.Config;

/// <summary>Linux signal names and numbers, for config values such as <c>quiet = "signal:USR1"</c>.</summary>
internal static class SignalNames
{
    public const int SIGKILL = 9;
    public const int SIGSTOP = 19;

    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>The Linux name of a signal number (<c>9</c> is <c>SIGKILL</c>), or <c>SIG&lt;n&gt;</c>.</summary>
    public static string Name(int signal) =>
        signal > 0 && signal < Names.Length ? Names[signal] : $"SIG{signal}";

    /// <summary>Reads a signal name, with or without the <c>SIG</c> prefix (<c>USR1</c>, <c>SIGHUP</c>); SIGKILL and SIGSTOP are refused: they cannot be handled.</summary>
    public static bool TryParseHandleable(string name, out int signal)
    {
        var upper = name.ToUpperInvariant();
        var full = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper : "SIG" + upper;
        signal = Array.IndexOf(Names, full);
        return signal > 0 && signal != SIGKILL && signal != SIGSTOP;
    }
}
