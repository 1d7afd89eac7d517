using System.Collections.Immutable;
using Akka.Actor;

namespace Orchestrator.Actors;

/// <summary>Collects the answers of several asks for a status: a child that did not answer is left out, not fatal.</summary>
internal static class PartialAnswers
{
    public static async Task<ImmutableArray<T>> Of<T>(IEnumerable<Task<T>> asks)
    {
        var answers = ImmutableArray.CreateBuilder<T>();
        foreach (var ask in asks)
        {
            try
            {
                answers.Add(await ask);
            }
            catch (Exception e) when (e is AskTimeoutException or InvalidOperationException)
            {
                // The answer is partial; the actor that failed logs its own trouble.
            }
        }

        return answers.ToImmutable();
    }
}
