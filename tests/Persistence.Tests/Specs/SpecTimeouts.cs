using Akka.Configuration;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>How long the backend specs wait for a reply: generous, since a cold SQLite file or a busy machine can take seconds; a passing spec never waits this long.</summary>
internal static class SpecTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    /// <summary>Makes every ExpectMsg without a timeout of its own wait <see cref="Generous"/>.</summary>
    public static readonly Config Config = ConfigurationFactory.ParseString(
        $"akka.test.single-expect-default = {Generous.TotalSeconds}s");
}
