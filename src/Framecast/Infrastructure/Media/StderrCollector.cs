namespace Framecast.Infrastructure.Media;

/// <summary>Drains stderr into the job log and keeps the last lines for the error message.</summary>
internal sealed class StderrCollector(int capacity, TextWriter? log)
{
    private readonly Queue<string> tail = new(capacity);
    private TextWriter? log = log;

    /// <summary>Read only after <see cref="ReadAsync"/> completed.</summary>
    public IReadOnlyList<string> Tail => [.. tail];

    public async Task ReadAsync(StreamReader stderr)
    {
        // No token: the runner always ends the process, which closes the pipe and ends this loop.
        while (await stderr.ReadLineAsync() is { } line)
        {
            if (tail.Count == capacity)
            {
                tail.Dequeue();
            }
            tail.Enqueue(line);
            await WriteLogAsync(line);
        }
    }

    public async Task WriteLogAsync(string line)
    {
        if (log is null)
        {
            return;
        }
        try
        {
            await log.WriteLineAsync(line);
        }
        catch (IOException)
        {
            // A full disk must not stop us draining stderr (ffmpeg would block on a full pipe); the tail still has the error.
            log = null;
        }
    }
}
