namespace Orchestrator.Control.Tests;

internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Waits for a task with a generous bound, failing the test instead of hanging it.</summary>
    public static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Timeout);

    public static async Task Within(Task task) => await task.WaitAsync(Timeout);
}
