using System.Text;

namespace Orchestrator.Control.Tests;

/// <summary>A StringWriter that a test can wait on: written from the command's thread, read from the test's.</summary>
internal sealed class SynchronizedWriter : StringWriter
{
    private readonly object _gate = new();

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> whole lines were written.</summary>
    public async Task LinesAsync(int count)
    {
        while (ToString().Count(c => c == '\n') < count)
        {
            await Task.Delay(20);
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
