namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// Hands each test its own block of high ports, starting at a random block so parallel test runs rarely meet.
/// The allocator still checks every port can be bound, so a meeting costs a port, not a test.
/// </summary>
internal static class PortBlocks
{
    private const int First = 31000;
    private const int Blocks = 700;
    private const int Size = 20;

    private static int _next = Random.Shared.Next(Blocks);

    /// <summary>A range such as <c>31240-31259</c>, as <c>port = "…"</c> in orch.toml takes it.</summary>
    public static string Next()
    {
        var block = Interlocked.Increment(ref _next) % Blocks;
        var first = First + (block * Size);
        return $"{first}-{first + Size - 1}";
    }
}
