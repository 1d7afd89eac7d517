namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// Hands each test its own block of ports, starting at a random block so parallel test runs rarely meet. The blocks
/// stay below the kernel's ephemeral range (32768 and up here): an OS-chosen port of another program could otherwise
/// take a port between the allocator's bind check and the app's listen, and answer its health checks.
/// </summary>
internal static class PortBlocks
{
    private const int First = 29000;
    private const int Blocks = 188;
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
