using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary><c>orch events</c>: one line per entry (time, app, deployment, kind, summary), or one NDJSON line.</summary>
    public void TimelineEntry(TimelineEntry entry)
    {
        if (Json)
        {
            WriteJson(entry);
            return;
        }

        var at = entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _stdout.WriteLine($"{at}  {entry.App}  {entry.DeploymentId ?? "-"}  {entry.Kind}  {entry.Summary}");
    }
}
