using Microsoft.Extensions.Logging;

namespace Orchestrator.Router.Routing;

/// <summary>
/// Whether one probed destination is up. It starts up; a failed probe or a forward that could not reach it marks it
/// down, and only a probe that passes brings it back. Each change is logged once, with the reason.
/// </summary>
internal sealed partial class DestinationState(string destination, ILogger logger)
{
    private const int Up = 0;
    private const int Down = 1;

    private int _state = Up;

    public string Destination { get; } = destination;

    public bool IsDown => Volatile.Read(ref _state) == Down;

    public void MarkDown(string reason)
    {
        if (Interlocked.Exchange(ref _state, Down) == Up)
        {
            LogDown(Destination, reason);
        }
    }

    public void MarkUp()
    {
        if (Interlocked.Exchange(ref _state, Up) == Down)
        {
            LogUp(Destination);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {Destination} is down ({Reason}): requests go to the deployment's other destinations")]
    private partial void LogDown(string destination, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Destination {Destination} is up again")]
    private partial void LogUp(string destination);
}
