using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>Reads <c>[railway] restart_policy</c>, in orch's spelling (<c>on_failure</c>) or Railway's (<c>ON_FAILURE</c>).</summary>
internal static class RailwayRestartPolicyReader
{
    private static readonly ImmutableDictionary<string, RailwayRestartPolicy> Policies = new Dictionary<string, RailwayRestartPolicy>
    {
        ["on_failure"] = RailwayRestartPolicy.OnFailure,
        ["always"] = RailwayRestartPolicy.Always,
        ["never"] = RailwayRestartPolicy.Never,
    }.ToImmutableDictionary();

    public static RailwayRestartPolicy? Read(TableReader railway)
    {
        if (railway.String("restart_policy") is not { } text)
        {
            return null;
        }

        if (IsOneCase(text) && Policies.TryGetValue(text.ToLowerInvariant(), out var policy))
        {
            return policy;
        }

        var suggestion = KeySuggestion.Nearest(text, Policies.Keys);
        var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
        railway.Problem("restart_policy", $"unknown restart policy '{text}'{hint}; use on_failure, always or never", $"restart_policy = \"{suggestion ?? "on_failure"}\"");
        return null;
    }

    /// <summary>All lowercase (orch) or all uppercase (Railway); a mix such as <c>On_Failure</c> is neither spelling.</summary>
    private static bool IsOneCase(string text) => text == text.ToLowerInvariant() || text == text.ToUpperInvariant();
}
