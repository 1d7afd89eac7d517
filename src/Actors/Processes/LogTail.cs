using System.Collections.Immutable;
using System.Text;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Follows an append-only log file from an offset and keeps its last lines in a ring, across rotations: what was
/// written after its offset and then rotated away is read from the rotated copy (see <see cref="LogRotationGate"/>),
/// so no line is read twice or skipped. Not thread-safe: each follower polls its own.
/// </summary>
internal sealed class LogTail
{
    private const int ReadChunk = 64 * 1024;

    private readonly string _path;
    private readonly LogRotationGate _gate;
    private readonly int _capacity;
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private long _offset;
    private long _rotations;
    private long _pushed;
    private List<string>? _newLines;

    private LogTail(string path, int capacity, Func<long, long> offsetFromLength)
    {
        _path = path;
        _gate = LogRotationGate.For(path);
        _capacity = capacity;
        lock (_gate.Lock)
        {
            _rotations = _gate.Rotations;
            _offset = offsetFromLength(Length(path));
        }
    }

    /// <summary>The live file's length when it was last read: how far this tail has read it.</summary>
    public long Offset => _offset;

    /// <summary>Follows only what is written from now on.</summary>
    public static LogTail FromEnd(string path, int capacity) => new(path, capacity, length => length);

    /// <summary>Starts from the last <paramref name="bytes"/> of the file (dropping the first, likely cut, line), e.g. on adoption.</summary>
    public static LogTail FromLast(string path, int capacity, long bytes)
    {
        var tail = new LogTail(path, capacity, length => Math.Max(0, length - bytes));
        var start = tail._offset;
        if (start > 0)
        {
            tail.Poll();
            if (tail._lines.Count > 0)
            {
                tail._lines.Dequeue();
            }
        }

        return tail;
    }

    /// <summary>
    /// Reads whatever was appended since the last call and returns how many complete lines that added.
    /// After a rotation it first reads the rest of the file it was following from the rotated copy; a file
    /// truncated by someone else is followed from its start.
    /// </summary>
    public int Poll()
    {
        var before = _pushed;
        lock (_gate.Lock)
        {
            if (_gate.Rotations != _rotations)
            {
                ReadRotated((int)Math.Min(_gate.Rotations - _rotations, Defaults.LogMaxKeep + 1));
                _rotations = _gate.Rotations;
                _offset = 0;
            }

            if (Open(_path) is { } stream)
            {
                using (stream)
                {
                    if (stream.Length < _offset)
                    {
                        _offset = 0;
                    }

                    _offset = ReadFrom(stream, _offset);
                }
            }
        }

        return (int)(_pushed - before);
    }

    /// <summary>
    /// Like <see cref="Poll"/>, and returns every complete line it added, however many: a follower prints them all,
    /// where <see cref="Last"/> keeps only the ring's capacity of a burst.
    /// </summary>
    public IReadOnlyList<string> PollNewLines()
    {
        _newLines = [];
        try
        {
            Poll();
            return _newLines;
        }
        finally
        {
            _newLines = null;
        }
    }

    /// <summary>
    /// <paramref name="missed"/> rotations since the last poll: the file this tail was reading is now <c>.missed</c>
    /// (read from the offset on), and each later one a newer copy (read whole), down to <c>.1</c>. Copies already
    /// dropped (more rotations than <c>keep</c>) are gone; what this tail read past the copy's end was lost in the
    /// rotation and is not there to read again.
    /// </summary>
    private void ReadRotated(int missed)
    {
        for (var n = missed; n >= 1; n--)
        {
            if (Open(LogRotator.Numbered(_path, n)) is not { } stream)
            {
                continue;
            }

            using (stream)
            {
                var from = n == missed ? _offset : 0;
                if (from < stream.Length)
                {
                    ReadFrom(stream, from);
                }
            }
        }
    }

    /// <summary>Reads <paramref name="stream"/> from <paramref name="offset"/> to its end into the ring; returns the new offset.</summary>
    private long ReadFrom(FileStream stream, long offset)
    {
        stream.Position = offset;
        var buffer = new byte[ReadChunk];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(ReadChunk)];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            offset += read;
            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            Append(chars.AsSpan(0, count));
        }

        return offset;
    }

    private static FileStream? Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not written yet (or unreadable): the ring simply stays as it is until the next poll.
            return null;
        }
    }

    /// <summary>Keeps an unterminated last line (the process exited mid-line), so it is not lost or glued to the next run's output.</summary>
    public void EndLine()
    {
        if (_partial.Length > 0)
        {
            Push(_partial.ToString());
            _partial.Clear();
        }
    }

    /// <summary>The last <paramref name="count"/> complete lines, oldest first.</summary>
    public ImmutableArray<string> Last(int count) =>
        [.. _lines.Skip(Math.Max(0, _lines.Count - Math.Max(0, count)))];

    private void Append(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\n')
            {
                Push(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
            }
            else
            {
                _partial.Append(c);
            }
        }
    }

    private void Push(string line)
    {
        _pushed++;
        _newLines?.Add(line);
        _lines.Enqueue(line);
        while (_lines.Count > _capacity)
        {
            _lines.Dequeue();
        }
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
