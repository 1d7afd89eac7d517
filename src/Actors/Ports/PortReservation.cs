namespace Orchestrator.Actors.Ports;

/// <summary>The outcome of asking the host's <c>PortAllocator</c> for a port: a port, or why there is none.</summary>
public sealed record PortReservation(int? Port, string? Error)
{
    public static PortReservation Of(int port) => new(port, null);

    public static PortReservation Failed(string error) => new(null, error);
}
