using System.Globalization;
using System.Text;

namespace Orchestrator.Bench.Railway;

/// <summary>The Markdown tables: calls per deploy against pulse-railway's sequence, SUCCESS to switched, and the idle janitor.</summary>
internal static class BenchReport
{
    /// <summary>pulse-railway, as issue 10 describes it: about a dozen calls per deploy, plus <c>deployment(id)</c> every 2 s for up to 900 s.</summary>
    public const int PulseFixedCalls = 12;

    public static readonly TimeSpan PulsePollInterval = TimeSpan.FromSeconds(2);

    /// <summary><c>RailwayTimings.Default.Poll</c>, the daemon's; the benchmark leaves it as it is.</summary>
    public static readonly TimeSpan OurPollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan OurPollMax = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ExtrapolatedDeploy = TimeSpan.FromSeconds(60);

    private const string SwitchNote =
        "dominated by the runtime's status poll (`RailwayTimings`, 1 s after a status change, backing off to 3 s): SUCCESS is seen up to 1 s late here, " +
        "then one `variablesForServiceDeployment`, the probe and the route switch";

    private static readonly string[] OperationOrder =
        ["Project", "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceInstanceDeployV2", "Deployment", "VariablesForServiceDeployment"];

    public static string Markdown(IReadOnlyList<DeploySample> samples, double deletesPerDeploy, int idleCalls, TimeSpan idle, long routerFailures, string? lastRouterFailure)
    {
        var ours = new StringBuilder();
        var untilSuccess = Median(samples.Select(s => s.RequestedToSuccess.TotalMilliseconds));
        var pulsePolls = PulsePolls(TimeSpan.FromMilliseconds(untilSuccess));
        var operations = OperationOrder.Concat(samples.SelectMany(s => s.Operations.Keys).Distinct().Except(OperationOrder));
        ours.AppendLine(CultureInfo.InvariantCulture, $"### API calls per deploy (median of {samples.Count} deploys)");
        ours.AppendLine();
        ours.AppendLine("| Operation | orch | pulse-railway (baseline) |");
        ours.AppendLine("|---|---:|---:|");
        foreach (var operation in operations)
        {
            var median = Median(samples.Select(s => (double)s.Operations.GetValueOrDefault(operation)));
            var pulse = operation == "Deployment" ? $"{pulsePolls} (every 2 s)" : "";
            ours.AppendLine(CultureInfo.InvariantCulture, $"| `{Lower(operation)}` | {median:0.#} | {pulse} |");
        }

        ours.AppendLine(CultureInfo.InvariantCulture, $"| `serviceDelete` (the janitor, after the drain) | {deletesPerDeploy:0.#} | |");
        var total = Median(samples.Select(s => (double)s.Calls)) + deletesPerDeploy;
        ours.AppendLine(CultureInfo.InvariantCulture, $"| **total** | **{total:0.#}** | **~{PulseFixedCalls + pulsePolls}** (~{PulseFixedCalls} + {pulsePolls} polls) |");
        ours.AppendLine();
        ours.AppendLine(CultureInfo.InvariantCulture,
            $"serviceInstanceDeployV2 to SUCCESS took {untilSuccess:0} ms (median); pulse-railway's polls for that time are ceil(T / 2 s).");
        ours.AppendLine("Its fixed calls are the issue's \"about a dozen\", not counted from its source.");
        var fixedCalls = Median(samples.Select(s => (double)(s.Calls - s.Operations.GetValueOrDefault("Deployment")))) + deletesPerDeploy;
        var ourSixty = fixedCalls + OurPollsWithin(ExtrapolatedDeploy);
        var pulseSixty = PulseFixedCalls + ExtrapolatedPolls(PulsePollInterval);
        ours.AppendLine("The fake deploys in well under a second; on Railway a deploy takes 30 to 120 s, and then the polls decide:");
        ours.AppendLine(CultureInfo.InvariantCulture,
            $"for a 60 s deploy orch makes about {ourSixty:0} calls ({fixedCalls:0.#} + polls backing off from 1 s to 3 s while a status lasts), pulse-railway about {pulseSixty} ({PulseFixedCalls} + a poll every 2 s).");
        ours.AppendLine();

        var switched = samples.Select(s => s.SuccessToSwitched.TotalMilliseconds).Order().ToList();
        ours.AppendLine("### Railway's SUCCESS to traffic switched, and the idle janitor");
        ours.AppendLine();
        ours.AppendLine("| Measure | Result | Notes |");
        ours.AppendLine("|---|---:|---|");
        ours.AppendLine(CultureInfo.InvariantCulture,
            $"| SUCCESS (fake) → first answer from the new deployment through our router | {Median(switched):0} ms median ({switched[0]:0}–{switched[^1]:0}) | {SwitchNote} |");
        ours.AppendLine(CultureInfo.InvariantCulture,
            $"| Janitor API calls per idle hour | {idleCalls * (TimeSpan.FromHours(1) / idle):0} | {idleCalls} calls in {idle.TotalSeconds:0} s with nothing draining, × {TimeSpan.FromHours(1) / idle:0.#}; design: 0; Railway Hobby allows 1,000/h |");
        ours.AppendLine(CultureInfo.InvariantCulture,
            $"| Requests through the router that failed during the deploys | {routerFailures} | one client, a request every 5 ms{(lastRouterFailure is null ? "" : $"; last: {lastRouterFailure}")} |");
        return ours.ToString();
    }

    private static int ExtrapolatedPolls(TimeSpan interval) => (int)Math.Ceiling(ExtrapolatedDeploy / interval);

    /// <summary>The runtime's schedule within one status: 1 s, then 1.5 times longer per repeat, at most 3 s.</summary>
    private static int OurPollsWithin(TimeSpan deploy)
    {
        var (elapsed, polls, wait) = (TimeSpan.Zero, 0, OurPollInterval);
        while (elapsed < deploy)
        {
            elapsed += wait;
            polls++;
            wait = TimeSpan.FromTicks(Math.Min((long)(wait.Ticks * 1.5), OurPollMax.Ticks));
        }

        return polls;
    }

    private static int PulsePolls(TimeSpan untilSuccess) => Math.Max(1, (int)Math.Ceiling(untilSuccess / PulsePollInterval));

    private static string Lower(string operation) => char.ToLowerInvariant(operation[0]) + operation[1..] + (operation == "Deployment" ? " (status polls)" : "");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
