using System.Collections.Immutable;
using System.Text;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Follows an append-only log file from an offset and keeps its last lines in a ring.
/// Not thread-safe: the ProcessActor calls it from its own message handlers only.
/// </summary>
internal sealed class LogTail
{
    private const int ReadChunk = 64 * 1024;

    private readonly string _path;
    private readonly int _capacity;
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private long _offset;
    private long _pushed;

    private LogTail(string path, int capacity, long offset)
    {
        _path = path;
        _capacity = capacity;
        _offset = offset;
    }

    /// <summary>Follows only what is written from now on.</summary>
    public static LogTail FromEnd(string path, int capacity) => new(path, capacity, Length(path));

    /// <summary>Starts from the last <paramref name="bytes"/> of the file (dropping the first, likely cut, line), e.g. on adoption.</summary>
    public static LogTail FromLast(string path, int capacity, long bytes)
    {
        var start = Math.Max(0, Length(path) - bytes);
        var tail = new LogTail(path, capacity, start);
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
    /// A truncated file is followed from its start.
    /// </summary>
    public int Poll()
    {
        var before = _pushed;
        FileStream stream;
        try
        {
            stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not written yet (or unreadable): the ring simply stays as it is until the next poll.
            return 0;
        }

        using (stream)
        {
            if (stream.Length < _offset)
            {
                _offset = 0;
            }

            stream.Position = _offset;
            var buffer = new byte[ReadChunk];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(ReadChunk)];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                _offset += read;
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                Append(chars.AsSpan(0, count));
            }
        }

        return (int)(_pushed - before);
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
        _lines.Enqueue(line);
        while (_lines.Count > _capacity)
        {
            _lines.Dequeue();
        }
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
