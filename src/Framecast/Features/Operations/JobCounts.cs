using System.Diagnostics;
using Dapper;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Operations;

/// <summary>
/// How many jobs wait, run or lie dead, by type: read from the jobs table at most every <see cref="MaxAge"/>, however
/// often it is scraped. A Prometheus scrape awaits a stale read first (<see cref="RefreshIfStaleAsync"/>), so it sees
/// figures at most that old; a periodic OTLP export, which cannot await, gets the last figures and starts a fresh read.
/// Succeeded jobs are not counted: they are history, not a queue, and there are many.
/// </summary>
public sealed class JobCounts(DbConnectionFactory connections, ILogger<JobCounts> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private IReadOnlyList<JobCount> _last = [];
    private long _readAt;

    public IReadOnlyList<JobCount> Last => Volatile.Read(ref _last);

    private bool Stale => Volatile.Read(ref _readAt) is var at && (at == 0 || Stopwatch.GetElapsedTime(at) > MaxAge);

    public async Task RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        if (!Stale)
        {
            return;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another scrape may have read while this one waited.
            if (Stale)
            {
                await ReadAsync(cancellationToken);
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>The last figures; when stale and no read is under way, starts one in the background (for the next export).</summary>
    public IReadOnlyList<JobCount> Observe()
    {
        if (Stale && _reading.Wait(0))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await ReadAsync(CancellationToken.None);
                }
                finally
                {
                    _reading.Release();
                }
            });
        }
        return Last;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<JobCount>(new CommandDefinition(
                "SELECT type AS Type, status AS State, count(*) AS Count FROM jobs WHERE status IN ('queued', 'running', 'dead') GROUP BY type, status",
                cancellationToken: cancellationToken));
            Volatile.Write(ref _last, [.. rows]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Better no figure than an old one passed off as current: the gauge disappears until the database answers.
            logger.LogWarning(ex, "Could not count the jobs for the metrics");
            Volatile.Write(ref _last, []);
        }
        Volatile.Write(ref _readAt, Stopwatch.GetTimestamp());
    }
}

public sealed record JobCount(string Type, string State, long Count);
