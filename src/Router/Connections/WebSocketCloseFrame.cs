using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Router.Connections;

/// <summary>The unmasked close frame a server sends (RFC 6455 §5.5.1).</summary>
internal static class WebSocketCloseFrame
{
    /// <summary>1012 "service restart": the client should reconnect, which lands on the active deployment.</summary>
    public const ushort ServiceRestart = 1012;

    public static byte[] Of(ushort status, string reason)
    {
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        if (reasonBytes.Length > 123)
        {
            throw new ArgumentException("a close reason fits in 123 bytes", nameof(reason));
        }

        var frame = new byte[4 + reasonBytes.Length];
        frame[0] = 0x88; // FIN + close
        frame[1] = (byte)(2 + reasonBytes.Length);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), status);
        reasonBytes.CopyTo(frame, 4);
        return frame;
    }
}
