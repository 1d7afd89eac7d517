using Akka.Configuration;
using Akka.TestKit;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// Akka's <see cref="TestScheduler"/> as the actor system's scheduler: timers fire only when a spec advances the
/// clock, so a 20-minute deadline is a line of test code, not 20 minutes. Everything outside the scheduler (real
/// processes, their exits, HTTP) still runs in real time.
/// </summary>
internal static class VirtualTime
{
    public static Akka.Configuration.Config Config() =>
        ConfigurationFactory.ParseString("""akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """);

    public static TestScheduler Of(Akka.Actor.ActorSystem system) => (TestScheduler)system.Scheduler;

    /// <summary>Advances the clock in <paramref name="step"/>s (timers re-armed by real events need a later tick) until <paramref name="done"/> holds.</summary>
    public static async Task AdvanceUntilAsync(this TestScheduler scheduler, Func<bool> done, TimeSpan step, TimeSpan realTimeout, string what)
    {
        var until = DateTime.UtcNow + realTimeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what} did not happen within {realTimeout} of real time");
            }

            scheduler.Advance(step);
            await Task.Delay(10);
        }
    }
}
