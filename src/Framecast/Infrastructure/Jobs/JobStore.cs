using Dapper;
using Framecast.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// The queue's state transitions in SQL. On PostgreSQL a claim uses <c>FOR UPDATE SKIP LOCKED</c>, so any number of
/// workers on any number of machines take distinct jobs; on SQLite the claim runs in an IMMEDIATE transaction, the
/// single-writer lock doing the same job.
/// </summary>
public sealed class JobStore(DbConnectionFactory connections, TimeProvider clock)
{
    private const string Due = "(status = 'queued' AND not_before <= @now) OR (status = 'running' AND lease_until < @now)";

    private string ClaimSql => $"""
        UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner, lease_until = @leaseUntil, updated_at = @now
        WHERE id = (SELECT id FROM jobs WHERE {Due} ORDER BY not_before, id LIMIT 1{(connections.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
        RETURNING id AS Id, type AS Type, payload AS Payload, attempts AS Attempts, max_attempts AS MaxAttempts
        """;

    public async Task<JobLease?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClaimedRow>(new CommandDefinition(ClaimSql,
            new { owner, now = connections.Time(now), leaseUntil = connections.Time(now + lease) }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row is null ? null : new JobLease(row.Id, row.Type, row.Payload, (int)row.Attempts, (int)row.MaxAttempts);
    }

    // SQLite hands back every integer as Int64; a settable row lets Dapper convert either provider's types.
    private sealed class ClaimedRow
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public string Payload { get; set; } = "";
        public long Attempts { get; set; }
        public long MaxAttempts { get; set; }
    }

    /// <summary>Extends the lease; false when this worker no longer holds the job (it expired and was re-claimed).</summary>
    public Task<bool> RenewAsync(JobLease job, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        ExecuteOwnedAsync(job, owner, "lease_until = @leaseUntil",
            new { leaseUntil = connections.Time(clock.UtcNowMicros() + lease) }, cancellationToken);

    public Task<bool> CompleteAsync(JobLease job, string owner, CancellationToken cancellationToken) =>
        ExecuteOwnedAsync(job, owner, "status = 'succeeded', lease_owner = NULL, lease_until = NULL, completed_at = @now",
            new { }, cancellationToken);

    /// <summary>Back to the queue after <paramref name="retryAt"/>, or dead (with the error kept) when null.</summary>
    public Task<bool> FailAsync(JobLease job, string owner, string error, DateTime? retryAt, CancellationToken cancellationToken) =>
        retryAt is { } at
            ? ExecuteOwnedAsync(job, owner, "status = 'queued', lease_owner = NULL, lease_until = NULL, last_error = @error, not_before = @at",
                new { error, at = connections.Time(at) }, cancellationToken)
            : ExecuteOwnedAsync(job, owner, "status = 'dead', lease_owner = NULL, lease_until = NULL, last_error = @error, completed_at = @now",
                new { error }, cancellationToken);

    /// <summary>Gives an unfinished job back on shutdown; the interrupted claim does not count as an attempt.</summary>
    public Task<bool> ReleaseAsync(JobLease job, string owner, CancellationToken cancellationToken) =>
        ExecuteOwnedAsync(job, owner, "status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, not_before = @now",
            new { }, cancellationToken);

    /// <summary>When the next job falls due (a queued job's not-before or a running job's lease end), if any.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        const string sql = """
            SELECT min(t) FROM (
              SELECT min(not_before) AS t FROM jobs WHERE status = 'queued'
              UNION ALL SELECT min(lease_until) FROM jobs WHERE status = 'running') AS due
            """;
        if (connections.IsPostgres)
        {
            var value = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(sql, cancellationToken: cancellationToken));
            return value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
        }
        var micros = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return micros is { } m ? UtcMicrosecondsConverter.FromMicros(m) : null;
    }

    private async Task<bool> ExecuteOwnedAsync(JobLease job, string owner, string set, object extra, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(extra);
        parameters.Add("id", job.Id);
        parameters.Add("owner", owner);
        parameters.Add("now", connections.Time(clock.UtcNowMicros()));
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE jobs SET {set}, updated_at = @now WHERE id = @id AND lease_owner = @owner AND status = 'running'",
            parameters, cancellationToken: cancellationToken));
        return rows == 1;
    }
}
