using System.Text;

namespace Orchestrator.Control.Client.Http;

/// <summary>One request of the control API: method, path with query, and an optional JSON body.</summary>
internal sealed record ControlRequest(string Method, string PathAndQuery, byte[]? JsonBody = null)
{
    public override string ToString() => $"{Method} {PathAndQuery}";

    /// <summary>The request bytes. <c>Connection: close</c>: one request per connection, as the CLI needs no more.</summary>
    public byte[] Encode()
    {
        var head = new StringBuilder(128)
            .Append(Method).Append(' ').Append(PathAndQuery).Append(" HTTP/1.1\r\nHost: orch\r\nConnection: close\r\n");
        if (JsonBody is not null)
        {
            head.Append("Content-Type: application/json; charset=utf-8\r\n");
        }

        if (JsonBody is not null || Method != "GET")
        {
            head.Append("Content-Length: ").Append(JsonBody?.Length ?? 0).Append("\r\n");
        }

        head.Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + (JsonBody?.Length ?? 0)];
        var written = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        JsonBody?.CopyTo(bytes, written);
        return bytes;
    }
}
