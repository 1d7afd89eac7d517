using System.CommandLine.Parsing;
using Orchestrator.Config;

namespace Orchestrator.Cli;

/// <summary>The daemon's input rules, checked while parsing so a bad option is a usage error (exit 2) before anything is sent.</summary>
internal static class OptionRules
{
    /// <summary>An id that becomes an actor name or a directory name: see <see cref="SafeId"/>.</summary>
    public static void SafeIdentifier(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } id && SafeId.Problem(OptionName(result), id) is { } problem)
        {
            result.AddError(problem);
        }
    }

    public static void LogLines(OptionResult result)
    {
        var lines = result.GetValueOrDefault<int>();
        if (lines is < 0 or > Defaults.MaxLogLines)
        {
            result.AddError($"{OptionName(result)} {lines} is out of range: ask for 0 to {Defaults.MaxLogLines} lines, or --follow");
        }
    }

    public static void NonNegative(OptionResult result)
    {
        if (result.GetValueOrDefault<int?>() is < 0 and var value)
        {
            result.AddError($"{OptionName(result)} {value} is negative: give 0 or more");
        }
    }

    /// <summary>A <c>--canary</c> rule: see <see cref="CanarySpec"/>.</summary>
    public static void Canary(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } text && CanarySpec.Parse(text, out var problem) is null)
        {
            result.AddError(problem!);
        }
    }

    private static string OptionName(OptionResult result) => result.Option.Name;
}
