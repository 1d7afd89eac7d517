using Orchestrator.Router.Connections;
using Xunit;

namespace Orchestrator.Router.Tests.Connections;

public sealed class WebSocketFrameTrackerTests
{
    [Fact]
    public void SmallFrame_InOneWrite_EndsAtItsLastByte()
    {
        var tracker = new WebSocketFrameTracker();
        var frame = Frame(opcode: 0x1, payloadLength: 5);

        Assert.Equal(frame.Length, tracker.Consume(frame, stopAtFrameEnd: false));
        Assert.True(tracker.AtFrameBoundary);
        Assert.False(tracker.CloseSeen);
    }

    [Theory]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(300_000)]
    public void ExtendedLengths_SplitIntoSingleBytes_EndExactlyAtTheFrameEnd(int payloadLength)
    {
        var tracker = new WebSocketFrameTracker();
        var frame = Frame(opcode: 0x2, payloadLength);

        for (var i = 0; i < frame.Length; i++)
        {
            Assert.False(tracker.AtFrameBoundary && i > 0, $"boundary too early, at byte {i} of {frame.Length}");
            Assert.Equal(1, tracker.Consume(frame.AsSpan(i, 1), stopAtFrameEnd: false));
        }

        Assert.True(tracker.AtFrameBoundary);
    }

    [Fact]
    public void MaskedFrame_CountsItsMaskingKey()
    {
        var tracker = new WebSocketFrameTracker();
        var frame = Frame(opcode: 0x1, payloadLength: 3, masked: true);
        Assert.Equal(2 + 4 + 3, frame.Length);

        Assert.Equal(frame.Length - 1, tracker.Consume(frame.AsSpan(0, frame.Length - 1), stopAtFrameEnd: false));
        Assert.False(tracker.AtFrameBoundary);
        Assert.Equal(1, tracker.Consume(frame.AsSpan(frame.Length - 1), stopAtFrameEnd: false));
        Assert.True(tracker.AtFrameBoundary);
    }

    [Fact]
    public void HeaderSplitAcrossWrites_IsReassembled()
    {
        var tracker = new WebSocketFrameTracker();
        var frame = Frame(opcode: 0x2, payloadLength: 70_000);

        tracker.Consume(frame.AsSpan(0, 3), stopAtFrameEnd: false); // first byte, length marker 127, one length byte
        tracker.Consume(frame.AsSpan(3, 6), stopAtFrameEnd: false); // the rest of the 64-bit length and 1 payload byte

        Assert.False(tracker.AtFrameBoundary);
        Assert.Equal(frame.Length - 9, tracker.Consume(frame.AsSpan(9), stopAtFrameEnd: false));
        Assert.True(tracker.AtFrameBoundary);
    }

    [Fact]
    public void StopAtFrameEnd_TakesOnlyTheRestOfTheFrameInFlight()
    {
        var tracker = new WebSocketFrameTracker();
        var first = Frame(opcode: 0x2, payloadLength: 1000);
        var second = Frame(opcode: 0x2, payloadLength: 10);
        var both = first.Concat(second).ToArray();
        tracker.Consume(both.AsSpan(0, 500), stopAtFrameEnd: false);

        Assert.Equal(first.Length - 500, tracker.Consume(both.AsSpan(500), stopAtFrameEnd: true));
        Assert.True(tracker.AtFrameBoundary);
        Assert.Equal(0, tracker.Consume(both.AsSpan(first.Length), stopAtFrameEnd: true));
    }

    [Fact]
    public void FrameSplitAcrossManyWrites_WithEmptyFramesBetween_TracksEachEnd()
    {
        var tracker = new WebSocketFrameTracker();
        var stream = Frame(opcode: 0x9, payloadLength: 0)
            .Concat(Frame(opcode: 0x2, payloadLength: 4000))
            .Concat(Frame(opcode: 0x0, payloadLength: 0))
            .ToArray();

        Assert.Equal(0, tracker.Consume(stream, stopAtFrameEnd: true)); // at a boundary already: nothing more goes
        Assert.Equal(2, tracker.Consume(stream.AsSpan(0, 2), stopAtFrameEnd: false)); // the empty ping
        Assert.True(tracker.AtFrameBoundary);
        var offset = 2;
        while (offset < stream.Length - 2)
        {
            var write = Math.Min(7, stream.Length - 2 - offset);
            Assert.Equal(write, tracker.Consume(stream.AsSpan(offset, write), stopAtFrameEnd: false));
            offset += write;
            Assert.Equal(offset == stream.Length - 2, tracker.AtFrameBoundary);
        }

        Assert.Equal(0, tracker.Consume(stream.AsSpan(offset), stopAtFrameEnd: true));
        Assert.Equal(2, tracker.Consume(stream.AsSpan(offset), stopAtFrameEnd: false)); // the empty continuation
        Assert.True(tracker.AtFrameBoundary);
    }

    [Fact]
    public void CloseFrame_IsSeen()
    {
        var tracker = new WebSocketFrameTracker();
        var close = WebSocketCloseFrame.Of(1000, "bye");

        tracker.Consume(close, stopAtFrameEnd: false);

        Assert.True(tracker.CloseSeen);
        Assert.True(tracker.AtFrameBoundary);
    }

    [Fact]
    public void ServiceRestartCloseFrame_HasStatus1012AndItsReason()
    {
        var close = WebSocketCloseFrame.Of(WebSocketCloseFrame.ServiceRestart, "service restart");

        Assert.Equal(new byte[] { 0x88, 17, 0x03, 0xF4 }, close[..4]);
        Assert.Equal("service restart", System.Text.Encoding.UTF8.GetString(close, 4, close.Length - 4));
    }

    private static byte[] Frame(byte opcode, int payloadLength, bool masked = false)
    {
        var header = new List<byte> { (byte)(0x80 | opcode) };
        var mask = masked ? (byte)0x80 : (byte)0;
        if (payloadLength < 126)
        {
            header.Add((byte)(mask | payloadLength));
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            header.Add((byte)(mask | 126));
            header.Add((byte)(payloadLength >> 8));
            header.Add((byte)payloadLength);
        }
        else
        {
            header.Add((byte)(mask | 127));
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                header.Add((byte)((long)payloadLength >> shift));
            }
        }

        if (masked)
        {
            header.AddRange([1, 2, 3, 4]);
        }

        return [.. header, .. new byte[payloadLength]];
    }
}
