using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Control.Tests;

/// <summary>Speaks HTTP/1.1 by hand over a unix socket, for requests <see cref="HttpClient"/> will not send (any method, any body).</summary>
internal static class RawHttp
{
    /// <summary>Sends the head and the body chunks (a writer that finds the socket closed stops), then reads the whole answer.</summary>
    public static async Task<RawResponse> SendAsync(string socketPath, string head, IEnumerable<byte[]>? body = null)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var writing = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in body ?? [])
                {
                    await stream.WriteAsync(chunk);
                }
            }
            catch (IOException)
            {
                // The daemon answered and closed before the body was through: that is what a refusal looks like.
            }
        });
        var text = await ReadUntilClosedAsync(stream).WaitAsync(Eventually.Timeout);
        await writing.WaitAsync(Eventually.Timeout);
        return RawResponse.Parse(text);
    }

    /// <summary>
    /// Everything the daemon sent. A daemon that refuses a body closes with the rest of it unread, which resets the
    /// connection; what arrived before the reset is the answer.
    /// </summary>
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}

internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(string text)
    {
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = (headEnd < 0 ? text : text[..headEnd]).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = headEnd < 0 ? "" : text[(headEnd + 4)..];
        return new RawResponse(status, headers, headers.TryGetValue("Transfer-Encoding", out var coding) && coding == "chunked" ? Unchunk(body) : body);
    }

    private static string Unchunk(string body)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var sizeEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..sizeEnd], 16);
            if (size == 0)
            {
                return text.ToString();
            }

            // The body is ASCII JSON here, so characters and bytes agree.
            text.Append(body, sizeEnd + 2, size);
            at = sizeEnd + 2 + size + 2;
        }
    }
}
