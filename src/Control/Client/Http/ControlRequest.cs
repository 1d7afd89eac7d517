using System.Text;

namespace Orchestrator.Control.Client.Http;

/// <summary>One request of the control API: method, path with query, and an optional JSON body.</summary>
internal sealed record ControlRequest(string Method, string PathAndQuery, byte[]? JsonBody = null)
{
    public override string ToString() => $"{Method} {PathAndQuery}";

    /// <summary>
    /// The request bytes. <c>Connection: close</c>: one request per connection, as the CLI needs no more. A remote
    /// daemon gets its host name (a proxy in front of it routes by it), its base path and the bearer token.
    /// </summary>
    public byte[] Encode(ControlEndpoint endpoint)
    {
        var remote = endpoint as ControlEndpoint.Remote;
        var head = new StringBuilder(128)
            .Append(Method).Append(' ').Append(remote?.BasePath).Append(PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(remote is null ? "orch" : remote.Address.Authority).Append("\r\nConnection: close\r\n");
        if (remote?.Token is { } token)
        {
            head.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        }

        if (JsonBody is not null)
        {
            head.Append("Content-Type: application/json; charset=utf-8\r\n");
        }

        if (JsonBody is not null || Method != "GET")
        {
            head.Append("Content-Length: ").Append(JsonBody?.Length ?? 0).Append("\r\n");
        }

        head.Append("\r\n");
        var text = head.ToString();
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + (JsonBody?.Length ?? 0)];
        var written = Encoding.UTF8.GetBytes(text, bytes);
        JsonBody?.CopyTo(bytes, written);
        return bytes;
    }
}
