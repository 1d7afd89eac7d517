using System.Buffers;
using System.Globalization;
using System.Text;

namespace Orchestrator.Control.Client.Http;

/// <summary>
/// Incremental HTTP/1.1 response parser: feed it the bytes as they arrive and it writes the decoded body (after
/// Content-Length or chunked framing) to a buffer. Reading until close is the framing when neither header is there.
/// No I/O, so every framing and every truncation is tested on bytes alone.
/// </summary>
internal sealed class HttpResponseParser
{
    /// <summary>Status line plus headers; the daemon's are a few hundred bytes.</summary>
    public const int MaxHeadBytes = 64 * 1024;

    private enum State { StatusLine, Header, ChunkSize, ChunkData, ChunkDataEnd, Trailer, FixedBody, BodyUntilClose, Done }

    private readonly ArrayBufferWriter<byte> _line = new(256);
    private State _state = State.StatusLine;
    private long _remaining;
    private long? _contentLength;
    private bool _chunked;
    private int _headBytes;
    private long _bodyBytes;

    public int StatusCode { get; private set; }

    public string ReasonPhrase { get; private set; } = "";

    /// <summary>The status line and the headers are in: <see cref="StatusCode"/> is final.</summary>
    public bool HeadComplete => _state > State.Header;

    public bool Complete => _state == State.Done;

    /// <summary>Consumes all of <paramref name="input"/> (bytes after the end of the response are ignored).</summary>
    /// <exception cref="ControlConnectionException">The bytes are not an HTTP/1.1 response.</exception>
    public void Feed(ReadOnlySpan<byte> input, IBufferWriter<byte> body)
    {
        while (!input.IsEmpty && _state != State.Done)
        {
            switch (_state)
            {
                case State.FixedBody or State.ChunkData:
                    var take = (int)Math.Min(_remaining, input.Length);
                    body.Write(input[..take]);
                    input = input[take..];
                    _remaining -= take;
                    _bodyBytes += take;
                    if (_remaining == 0)
                    {
                        _state = _state == State.FixedBody ? State.Done : State.ChunkDataEnd;
                    }

                    break;
                case State.BodyUntilClose:
                    body.Write(input);
                    _bodyBytes += input.Length;
                    input = default;
                    break;
                default:
                    var newline = input.IndexOf((byte)'\n');
                    var part = newline < 0 ? input : input[..(newline + 1)];
                    AppendToLine(part);
                    input = input[part.Length..];
                    if (newline >= 0)
                    {
                        var line = _line.WrittenSpan[..^1];
                        OnLine(line.EndsWith("\r"u8) ? line[..^1] : line);
                        _line.Clear();
                    }

                    break;
            }
        }
    }

    /// <summary>The peer closed the connection: the end of a read-until-close body, else a truncated answer.</summary>
    /// <exception cref="ControlConnectionException">The answer was not complete.</exception>
    public void EndOfInput()
    {
        if (_state == State.BodyUntilClose)
        {
            _state = State.Done;
        }

        if (_state != State.Done)
        {
            throw new ControlConnectionException($"the connection closed {Where()}");
        }
    }

    private string Where() => _state switch
    {
        State.StatusLine when _headBytes == 0 => "before any answer",
        State.StatusLine or State.Header => "in the middle of the response headers",
        State.FixedBody => $"after {_bodyBytes} of the {_contentLength} body bytes",
        _ => $"in the middle of the chunked body, after {_bodyBytes} bytes",
    };

    private void AppendToLine(ReadOnlySpan<byte> part)
    {
        _headBytes += part.Length;
        if (_line.WrittenCount + part.Length > MaxHeadBytes || (_state is State.StatusLine or State.Header && _headBytes > MaxHeadBytes))
        {
            throw new ControlConnectionException($"the response head is longer than {MaxHeadBytes} bytes");
        }

        _line.Write(part);
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.StatusLine:
                ParseStatusLine(line);
                _state = State.Header;
                break;
            case State.Header when line.IsEmpty:
                EndOfHead();
                break;
            case State.Header:
                ParseHeader(line);
                break;
            case State.ChunkSize:
                _remaining = ParseChunkSize(line);
                _state = _remaining == 0 ? State.Trailer : State.ChunkData;
                break;
            case State.ChunkDataEnd when line.IsEmpty:
                _state = State.ChunkSize;
                break;
            case State.ChunkDataEnd:
                throw new ControlConnectionException("a chunk of the response body is longer than its size line says");
            case State.Trailer when line.IsEmpty:
                _state = State.Done;
                break;
        }
    }

    private void ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // HTTP/1.1 200 OK
        if (!line.StartsWith("HTTP/1."u8) || line.Length < 12 || line[8] != (byte)' '
            || !int.TryParse(line[9..12], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            throw new ControlConnectionException($"the answer is not an HTTP/1.1 response: '{Printable(line)}'");
        }

        StatusCode = status;
        ReasonPhrase = line.Length > 13 ? Encoding.ASCII.GetString(line[13..]) : "";
    }

    private void ParseHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new ControlConnectionException($"malformed response header '{Printable(line)}'");
        }

        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || (_contentLength is { } earlier && earlier != length))
            {
                throw new ControlConnectionException($"malformed Content-Length '{Printable(value)}'");
            }

            _contentLength = length;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            // The last coding decides the framing (RFC 9112 6.1); the daemon sends only "chunked".
            var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
            _chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
        }
    }

    private void EndOfHead()
    {
        if (StatusCode is >= 100 and < 200 and not 101)
        {
            // An interim answer (100 Continue): the real one follows.
            _state = State.StatusLine;
            _contentLength = null;
            _chunked = false;
            return;
        }

        _state = StatusCode is 204 or 304 ? State.Done
            : _chunked ? State.ChunkSize
            : _contentLength is { } length ? (length == 0 ? State.Done : State.FixedBody)
            : State.BodyUntilClose;
        _remaining = _contentLength ?? 0;
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15
            || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw new ControlConnectionException($"malformed chunk size '{Printable(line)}' in the response body");
        }

        return size;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        return string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
    }
}
