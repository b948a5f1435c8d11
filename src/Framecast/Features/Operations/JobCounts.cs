using System.Diagnostics;
using Dapper;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Operations;

/// <summary>
/// How many jobs wait, run or lie dead, by type: read from the jobs table at most every <see cref="MaxAge"/>, however
/// often it is scraped. A Prometheus scrape awaits a stale read first (<see cref="RefreshIfStaleAsync"/>), so it sees
/// figures at most that old; a periodic OTLP export, which cannot await, gets the last figures and starts a fresh read.
/// Succeeded jobs are not counted: they are history, not a queue, and there are many. Every known type (the registered
/// handlers' and any seen in the table) is reported in every state, 0 included: a drained queue reads 0, not "no data".
/// </summary>
public sealed class JobCounts(DbConnectionFactory connections, IEnumerable<string> handlerTypes, ILogger<JobCounts> logger)
{
    private static readonly string[] States = ["queued", "running", "dead"];
    private readonly HashSet<string> _types = [.. handlerTypes];

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
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                "SELECT type AS Type, status AS State, count(*) AS Count FROM jobs WHERE status IN ('queued', 'running', 'dead') GROUP BY type, status",
                cancellationToken: cancellationToken));
            var counts = rows.ToDictionary(r => (r.Type, r.State), r => r.Count);
            _types.UnionWith(counts.Keys.Select(k => k.Type));
            Volatile.Write(ref _last, [.. _types.Order(StringComparer.Ordinal)
                .SelectMany(type => States.Select(state => new JobCount(type, state, counts.GetValueOrDefault((type, state)))))]);
            Volatile.Write(ref _readAt, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Better no figure than an old one passed off as current: the gauge disappears until the database answers,
            // and the next collection tries again (a node started before its migrations ran, or the database was away).
            logger.LogWarning(ex, "Could not count the jobs for the metrics");
            Volatile.Write(ref _last, []);
        }
    }

    // SQLite types an aggregate over no rows as a blob, and hands back every integer as Int64: a settable row converts either.
    private sealed class Row
    {
        public string Type { get; set; } = "";
        public string State { get; set; } = "";
        public long Count { get; set; }
    }
}

public sealed record JobCount(string Type, string State, long Count);
