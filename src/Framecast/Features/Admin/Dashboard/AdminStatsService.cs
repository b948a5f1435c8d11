using System.Data.Common;
using System.Globalization;
using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Admin.Dashboard;

/// <summary>
/// Counts for the dashboard, read with a few grouped statements (each on an index: videos and views by time, dead jobs
/// by status and finish time, the hourly error rows), so the page costs the same with a million views as with ten.
/// </summary>
public sealed class AdminStatsService(DbConnectionFactory connections, MediaStorageGauge storage, TimeProvider clock)
{
    public const int DayCount = 30, HourCount = 24;

    public async Task<AdminStatsResponse> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var firstDay = now.Date.AddDays(1 - DayCount);
        var firstHour = ServerErrorCounter.HourOf(now) - (HourCount - 1);
        var from = connections.Time(firstDay);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var snapshot = await DbConnectionFactory.BeginSnapshotAsync(connection, cancellationToken);

        var uploads = await PerDayAsync(connection, snapshot, "videos", "created_at", "", from, firstDay, cancellationToken);
        var views = await PerDayAsync(connection, snapshot, "video_views", "viewed_at", "", from, firstDay, cancellationToken);
        var dead = await PerDayAsync(connection, snapshot, "jobs", "completed_at", "status = 'dead' AND ", from, firstDay, cancellationToken);
        var errorRows = await connection.QueryAsync<(long Hour, long Errors)>(new CommandDefinition(
            "SELECT hour, errors FROM http_errors_hourly WHERE hour >= @firstHour", new { firstHour }, snapshot, cancellationToken: cancellationToken));
        var errors = new long[HourCount];
        foreach (var (hour, count) in errorRows)
        {
            if (hour - firstHour is >= 0 and < HourCount and var i)
            {
                errors[i] = count;
            }
        }
        var live = await connection.QuerySingleAsync<(long Broadcasts, long Viewers)>(new CommandDefinition(
            "SELECT count(*), coalesce(sum(viewers), 0) FROM live_sessions WHERE status <> 'ended'", transaction: snapshot, cancellationToken: cancellationToken));
        var jobs = await JobsAsync(connection, snapshot, cancellationToken);
        var totals = await connection.QuerySingleAsync<(long Users, long Videos)>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM videos)", transaction: snapshot, cancellationToken: cancellationToken));
        await snapshot.CommitAsync(cancellationToken);

        return new AdminStatsResponse(
            now,
            [.. Enumerable.Range(0, DayCount).Select(d => firstDay.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            uploads, views, dead,
            [.. Enumerable.Range(0, HourCount).Select(h => DateTime.UnixEpoch.AddHours(firstHour + h))],
            errors,
            new LiveNowStats(live.Broadcasts, live.Viewers),
            jobs,
            await storage.MeasureAsync(cancellationToken),
            new TotalStats(totals.Users, totals.Videos));
    }

    private async Task<long[]> PerDayAsync(DbConnection connection, DbTransaction snapshot, string table, string column, string filter, object from,
        DateTime firstDay, CancellationToken cancellationToken)
    {
        // Whole UTC days since the epoch, computed where the rows are: integer microseconds on SQLite, timestamps on PostgreSQL.
        var day = connections.IsPostgres ? $"floor(extract(epoch from {column}) / 86400)::bigint" : $"{column} / 86400000000";
        var rows = await connection.QueryAsync<(long Day, long Count)>(new CommandDefinition(
            $"SELECT {day} AS day, count(*) AS n FROM {table} WHERE {filter}{column} >= @from GROUP BY {day}",
            new { from }, snapshot, cancellationToken: cancellationToken));
        var first = (long)(firstDay - DateTime.UnixEpoch).TotalDays;
        var series = new long[DayCount];
        foreach (var (d, count) in rows)
        {
            if (d - first is >= 0 and < DayCount and var i)
            {
                series[i] += count;
            }
        }
        return series;
    }

    private static async Task<JobQueueStats> JobsAsync(DbConnection connection, DbTransaction snapshot, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Status, long Retrying, long Count)>(new CommandDefinition("""
            SELECT status, CAST(CASE WHEN status = 'queued' AND last_error IS NOT NULL THEN 1 ELSE 0 END AS bigint) AS retrying, count(*) AS n
            FROM jobs WHERE status IN ('queued', 'running', 'dead')
            GROUP BY status, CASE WHEN status = 'queued' AND last_error IS NOT NULL THEN 1 ELSE 0 END
            """, transaction: snapshot, cancellationToken: cancellationToken));
        long Sum(string status, long retrying) => rows.Where(r => r.Status == status && r.Retrying == retrying).Sum(r => r.Count);
        return new JobQueueStats(Sum("queued", 0), Sum("running", 0), Sum("queued", 1), Sum("dead", 0));
    }
}
