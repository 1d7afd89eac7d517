namespace Orchestrator.Railway.Tests.Support;

/// <summary>Polls for a condition with a generous bound, failing the test instead of hanging it.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <returns>The first value of <paramref name="probe"/> that satisfies <paramref name="done"/>.</returns>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        T last;
        do
        {
            last = await probe();
            if (done(last))
                return last;
            await Task.Delay(Interval, CancellationToken.None);
        }
        while (!deadline.IsCancellationRequested);
        throw new TimeoutException($"{what}: not within {Timeout}; last seen {last}");
    }
}
