using Microsoft.Data.Sqlite;

namespace Framecast.Infrastructure.Data;

/// <summary>
/// Keeps SQLite's planner statistics current (PostgreSQL's autovacuum does this by itself): without them SQLite walked
/// the public listing index over the whole catalogue for a channel page. Runs at start and then every
/// <see cref="Interval"/>; <c>PRAGMA optimize</c> re-analyses only tables whose size changed a lot, so it is cheap.
/// </summary>
public sealed class SqliteStatistics(DbConnectionFactory connections, ILogger<SqliteStatistics> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connections.IsPostgres)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await OptimizeAsync(connections, stoppingToken);
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                logger.LogWarning(e, "Refreshing SQLite's planner statistics failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Analyses what needs it (all tables the first time: <c>0x10002</c>), with a bounded sample per index.</summary>
    public static async Task OptimizeAsync(DbConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
