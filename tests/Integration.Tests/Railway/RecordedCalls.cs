using Orchestrator.Railway.Fake;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>Reading the fake's call record the way the issue describes a deploy: by operation, polls counted once.</summary>
internal static class RecordedCalls
{
    /// <summary>The calls whose variables name one of <paramref name="ids"/> (a project, a service, a Railway deployment).</summary>
    public static IReadOnlyList<RecordedCall> About(this IEnumerable<RecordedCall> calls, params string[] ids) =>
        [.. calls.Where(call => ids.Any(id => call.Variables.Contains(id, StringComparison.Ordinal)))];

    /// <summary>Their operation names in order, a run of the same one (a status poll) as one.</summary>
    public static IReadOnlyList<string> Operations(this IEnumerable<RecordedCall> calls)
    {
        var names = new List<string>();
        foreach (var name in calls.Select(call => call.OperationName ?? "(none)"))
        {
            if (names.Count == 0 || names[^1] != name)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
