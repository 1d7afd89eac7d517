using System.CommandLine;
using System.Text.Json;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.CommandLine;

/// <summary>
/// The output of the verbs <c>orch</c> hands to <c>orch-daemon</c> and <c>orch-router</c> (daemon, router, doctor,
/// cluster init-cert): plain lines for people, one JSON document with <c>--json</c>, errors on stderr as <c>orch</c> prints them.
/// </summary>
internal sealed class NodeConsole(TextWriter stdout, TextWriter stderr, bool json)
{
    public bool Json { get; } = json;

    public static NodeConsole From(ParseResult parseResult) => new(
        parseResult.InvocationConfiguration.Output,
        parseResult.InvocationConfiguration.Error,
        parseResult.GetValue(NodeGlobalOptions.Json));

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, ControlJson.TypeInfo<T>()));

    public void Success(string text)
    {
        if (!Json)
        {
            stdout.WriteLine(text);
        }
    }

    public void Error(string message, string? hint = null)
    {
        stderr.WriteLine($"error: {message}");
        if (hint is not null)
        {
            stderr.WriteLine($"hint: {hint}");
        }

        if (Json)
        {
            WriteJson(new ControlError(message, hint));
        }
    }

    public void Doctor(DoctorReport report)
    {
        if (Json)
        {
            WriteJson(report);
            return;
        }

        foreach (var check in report.Checks)
        {
            stdout.WriteLine($"{(check.Ok ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }
    }
}
