using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch events</c>: the persisted events (deployments, switches, drains, restarts) as a timeline, optionally followed.</summary>
internal sealed class EventsCommand : Command
{
    private static readonly Option<string?> App = new("--app") { Description = "Only this app's events", HelpName = "NAME" };

    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new events until Ctrl-C" };

    private static readonly Option<string?> Since = new("--since")
    {
        Description = "Every event of the last DURATION (e.g. 30m, 2h) instead of the last N",
        HelpName = "DURATION",
    };

    private static readonly Option<int?> Limit = new("--limit", "-n")
    {
        Description = $"How many of the most recent events (default {EventsRequest.DefaultLimit})",
        HelpName = "N",
    };

    public EventsCommand()
        : base("events", "Show the event log: deployments, switches, drains, restarts, read back from the journal")
    {
        App.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(App);
        Options.Add(Follow);
        Since.Validators.Add(SinceIsADuration);
        Options.Add(Since);
        Limit.Validators.Add(LimitInRange);
        Options.Add(Limit);
        Validators.Add(SinceOrLimit);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var follow = parseResult.GetValue(Follow);
        var since = parseResult.GetValue(Since) is { } window && Duration.TryParse(window, out var ago) ? DateTimeOffset.UtcNow - ago : (DateTimeOffset?)null;
        var request = new EventsRequest(parseResult.GetValue(App), since, parseResult.GetValue(Limit), follow);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        using var client = cli.CreateClient();
        var entries = client.EventsAsync(request, stopping.Token);
        try
        {
            if (cli.Json && !follow)
            {
                // Not following: the whole answer is one JSON array, like every other --json command.
                var all = new List<TimelineEntry>();
                await foreach (var entry in entries)
                {
                    all.Add(entry);
                }

                cli.Output.WriteJson(all);
                return OrchCli.Success;
            }

            await foreach (var entry in entries)
            {
                cli.Output.TimelineEntry(entry);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the follow is over, as asked.
        }

        return OrchCli.Success;
    }

    private static void SinceIsADuration(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } text && !Duration.TryParse(text, out _))
        {
            result.AddError($"--since {text} is not a duration: write it like 30s, 10m, 2h or 1h30m");
        }
    }

    private static void LimitInRange(OptionResult result)
    {
        if (result.GetValueOrDefault<int?>() is { } limit && limit is < 0 or > Defaults.MaxEventLogLimit)
        {
            result.AddError($"--limit {limit} is out of range: ask for 0 to {Defaults.MaxEventLogLimit} events, or a window with --since");
        }
    }

    private static void SinceOrLimit(System.CommandLine.Parsing.CommandResult result)
    {
        if (result.GetResult(Since) is not null && result.GetResult(Limit) is not null)
        {
            result.AddError("--since and --limit both choose which events to show: give one of them");
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        signal.Cancel = true;
        stopping.Cancel();
    }
}
