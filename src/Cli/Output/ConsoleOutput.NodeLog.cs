using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary><c>orch log peek</c>: every line, or one JSON array of them.</summary>
    public void NodeLog(IReadOnlyList<NodeLogLine> lines)
    {
        if (Json)
        {
            WriteJson(lines.ToList());
            return;
        }

        foreach (var line in lines)
        {
            NodeLogLine(line);
        }
    }

    /// <summary>One line as Akka's default logger writes it, or one NDJSON line.</summary>
    public void NodeLogLine(NodeLogLine line)
    {
        if (Json)
        {
            WriteJson(line);
            return;
        }

        var level = line.Level.ToString().ToUpperInvariant();
        var at = line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _stdout.WriteLine($"[{level}][{at}][Thread {line.Thread:0000}][{line.Source}] {line.Message}");
    }
}
