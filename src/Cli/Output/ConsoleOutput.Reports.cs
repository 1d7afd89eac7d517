using Orchestrator.Config;
using Orchestrator.Control.Contracts;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>The JSON document of <c>orch validate --json</c>.</summary>
internal sealed record ValidateReport(bool Valid, string ConfigPath, string? App, int Processes, IReadOnlyList<ConfigProblem> Problems);

internal sealed partial class ConsoleOutput
{
    public void Log(LogLine line)
    {
        if (Json)
        {
            WriteJson(line);
        }
        else if (Interactive)
        {
            Terminal.MarkupLine($"[grey]{Markup.Escape($"{line.DeploymentId}/{line.ProcessId} |")}[/] {Markup.Escape(line.Text)}");
        }
        else
        {
            _stdout.WriteLine($"{line.DeploymentId}/{line.ProcessId} | {line.Text}");
        }
    }

    public void Validation(ValidateReport report)
    {
        if (Json)
        {
            WriteJson(report);
            return;
        }

        var name = Path.GetFileName(report.ConfigPath);
        if (report.Valid)
        {
            Success($"{name} is valid: app {report.App}, {report.Processes} process{(report.Processes == 1 ? "" : "es")}");
            return;
        }

        _stderr.WriteLine($"error: {report.ConfigPath} has {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}:");
        foreach (var problem in report.Problems)
        {
            _stderr.WriteLine($"  {problem.Key}: {problem.Problem}");
            _stderr.WriteLine($"      for example: {problem.Example}");
        }
    }

    /// <summary>Stop and shutdown answers.</summary>
    public void Result(CommandResult result)
    {
        if (Json)
        {
            WriteJson(result);
        }
        else if (result.Ok)
        {
            Success(result.Message);
        }
        else
        {
            _stderr.WriteLine($"error: {result.Message}");
        }
    }
}
