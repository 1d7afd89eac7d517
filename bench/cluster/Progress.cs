namespace Orchestrator.Bench.Cluster;

/// <summary>Progress lines on stderr; stdout carries only the Markdown tables.</summary>
internal static class Progress
{
    public static void Say(string message) => Console.Error.WriteLine($"[cluster-bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}
