using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Config;

/// <summary>The router's <c>listen</c> address: <c>host:port</c>, the host an IP, <c>[IPv6]</c>, <c>localhost</c>, <c>*</c> or <c>0.0.0.0</c>.</summary>
internal static class ListenAddress
{
    /// <summary>Null when valid, else what is wrong in plain words.</summary>
    public static string? Check(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return $"'{text}' has no port; write host:port";
        }

        var host = text[..colon];
        var port = text[(colon + 1)..];
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return $"'{port}' is not a port; use a number from 1 to 65535";
        }

        return IsHost(host) ? null : $"'{host}' is not a listen host; use an IP address, [IPv6], localhost or *";
    }

    private static bool IsHost(string host)
    {
        if (host is "*" or "localhost")
        {
            return true;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3;
    }
}
