using Akka.Actor;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Router.Replica;

/// <summary>The outcome of installing a table, piped back to the replica.</summary>
internal sealed record TableInstalled(RouteTable Table, IActorRef ReplyTo, string? Error);

/// <summary>Time to report connection counts.</summary>
internal sealed record ReportCounts
{
    public static readonly ReportCounts Instance = new();

    private ReportCounts()
    {
    }
}

/// <summary>Timer key of <see cref="ReportCounts"/>.</summary>
internal sealed record ReportCountsTimer
{
    public static readonly ReportCountsTimer Instance = new();

    private ReportCountsTimer()
    {
    }
}

/// <summary>Time to announce this replica again; two keys, so the second announcement does not cancel the first.</summary>
internal sealed record AnnounceTick(string Key)
{
    public static readonly AnnounceTick Soon = new("soon");
    public static readonly AnnounceTick Later = new("later");
}
