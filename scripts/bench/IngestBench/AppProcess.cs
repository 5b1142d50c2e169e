using System.Diagnostics;

/// <summary>An app process started by the benchmark, with the last lines it wrote.</summary>
internal sealed class AppProcess(Process process)
{
    private const int KeptLines = 40;
    private readonly Queue<string> _tail = new();

    public Process Process { get; } = process;

    public void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }

    public InvalidOperationException Failure(string what)
    {
        lock (_tail)
        {
            return new InvalidOperationException($"{what}. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _tail)}");
        }
    }
}
