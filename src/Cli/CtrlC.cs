namespace Orchestrator.Cli;

/// <summary>Ctrl-C (SIGINT) as a cancellation, for the verbs that run until the user stops them.</summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _cancellation;

    private CtrlC(CancellationToken outer)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _cancellation.Token;

    public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

    /// <summary>A token cancelled by <paramref name="outer"/> or by Ctrl-C, which then no longer ends the process.</summary>
    public static CtrlC Cancels(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _cancellation.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancellation.Cancel();
    }
}
