namespace Orchestrator.Router.Configuration;

/// <summary>
/// The snapshot YARP currently serves on one listener. Middleware reads it lock-free per request,
/// so what it decides (503, affinity) always agrees with YARP's own routes and clusters.
/// </summary>
internal sealed class ListenerState(RouteSnapshot initial)
{
    private RouteSnapshot _applied = initial;

    public RouteSnapshot Applied => Volatile.Read(ref _applied);

    public void MarkApplied(RouteSnapshot snapshot)
    {
        var seen = Applied;
        while (snapshot.Revision > seen.Revision)
        {
            var witnessed = Interlocked.CompareExchange(ref _applied, snapshot, seen);
            if (ReferenceEquals(witnessed, seen))
            {
                break;
            }

            seen = witnessed;
        }

        snapshot.MarkApplied();
    }
}
