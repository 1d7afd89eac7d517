using System.Buffers.Binary;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Follows the RFC 6455 frame headers in one direction of a proxied WebSocket so the router knows where each frame
/// ends: only there may it put a frame of its own. Headers and payloads may be split across writes in any way.
/// </summary>
internal sealed class WebSocketFrameTracker
{
    private const int MaxHeaderLength = 14;
    private const byte CloseOpcode = 0x8;
    private readonly byte[] _header = new byte[MaxHeaderLength];
    private int _headerLength;
    private int _headerNeeded = 2;
    private ulong _payloadLeft;

    /// <summary>No frame is partly through: the next byte starts a new frame.</summary>
    public bool AtFrameBoundary => _headerLength == 0 && _payloadLeft == 0;

    /// <summary>A close frame went by: the endpoint must send nothing after it.</summary>
    public bool CloseSeen { get; private set; }

    /// <summary>
    /// Follows the bytes and returns how many it took: all of them, or, when <paramref name="stopAtFrameEnd"/>,
    /// only those up to the first frame boundary (0 when already at one).
    /// </summary>
    public int Consume(ReadOnlySpan<byte> data, bool stopAtFrameEnd)
    {
        var taken = 0;
        while (taken < data.Length && !(stopAtFrameEnd && AtFrameBoundary))
        {
            if (_payloadLeft > 0)
            {
                var chunk = (int)Math.Min(_payloadLeft, (ulong)(data.Length - taken));
                _payloadLeft -= (ulong)chunk;
                taken += chunk;
                continue;
            }

            _header[_headerLength++] = data[taken++];
            if (_headerLength == 2)
            {
                _headerNeeded = 2 + ExtendedLengthSize(_header[1]) + ((_header[1] & 0x80) != 0 ? 4 : 0);
            }

            if (_headerLength >= 2 && _headerLength == _headerNeeded)
            {
                CloseSeen |= (_header[0] & 0x0F) == CloseOpcode;
                _payloadLeft = PayloadLength();
                _headerLength = 0;
                _headerNeeded = 2;
            }
        }

        return taken;
    }

    private static int ExtendedLengthSize(byte second) => (second & 0x7F) switch
    {
        126 => 2,
        127 => 8,
        _ => 0,
    };

    private ulong PayloadLength() => (_header[1] & 0x7F) switch
    {
        126 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
        127 => BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)),
        var length => (ulong)length,
    };
}
