using System.Globalization;
using System.Net;

namespace Orchestrator.Router.Listeners;

/// <summary>
/// A normalized listen address: <c>127.0.0.1:8182</c>, or <c>*:8182</c> for any address
/// (<c>0.0.0.0:8182</c>, <c>[::]:8182</c> and <c>:8182</c> mean the same).
/// </summary>
internal sealed record ListenAddress(IPAddress? Ip, int Port)
{
    public bool IsAny => Ip is null;

    public static ListenAddress Parse(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var colon = listen.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"invalid listen address '{listen}': expected host:port, e.g. 127.0.0.1:8182 or *:8182");
        }

        var host = listen[..colon].Trim('[', ']');
        if (host is "" or "*" or "0.0.0.0" or "::")
        {
            return new ListenAddress(null, port);
        }

        if (host == "localhost")
        {
            return new ListenAddress(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var ip)
            ? new ListenAddress(ip, port)
            : throw new FormatException($"invalid listen address '{listen}': '{host}' is not an IP address, '*' or 'localhost'");
    }

    public override string ToString() => Ip switch
    {
        null => $"*:{Port}",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{Ip}]:{Port}",
        _ => $"{Ip}:{Port}",
    };
}
