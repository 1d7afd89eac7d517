namespace Orchestrator.Router.Listeners;

/// <summary>A listener could not bind its address (e.g. it is already in use).</summary>
public sealed class RouterListenException : Exception
{
    public RouterListenException()
    {
    }

    public RouterListenException(string message)
        : base(message)
    {
    }

    public RouterListenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
