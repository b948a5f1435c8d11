using Dapper;
using Framecast.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Jobs;

/// <summary>
/// The queue's state transitions in SQL. On PostgreSQL a claim uses <c>FOR UPDATE SKIP LOCKED</c>, so any number of
/// workers on any number of machines take distinct jobs; on SQLite the claim runs in an IMMEDIATE transaction, the
/// single-writer lock doing the same job.
/// </summary>
public sealed class JobStore(DbConnectionFactory connections, TimeProvider clock, IOptions<JobsOptions> options)
{
    private const string Due = "((j.status = 'queued' AND j.not_before <= @now) OR (j.status = 'running' AND j.lease_until < @now))";

    // A job whose fair key already has its share running (live leases only) waits, and the next owner's job goes first.
    private const string FairShare = """
        (j.fair_key IS NULL OR (SELECT count(*) FROM jobs r
           WHERE r.fair_key = j.fair_key AND r.status = 'running' AND r.lease_until >= @now AND r.id <> j.id) < @perKey)
        """;

    // Any value: it only names the lock that serialises claims, so two nodes never both see a fair key as idle.
    private const long ClaimLockKey = 0x4672_616D_6543_6C6D;

    private string ClaimSql => $"""
        UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner, lease_until = @leaseUntil, updated_at = @now
        WHERE id = (SELECT j.id FROM jobs j WHERE {Due} AND {FairShare} ORDER BY j.not_before, j.id LIMIT 1{(connections.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
        RETURNING id AS Id, type AS Type, payload AS Payload, attempts AS Attempts, max_attempts AS MaxAttempts
        """;

    public async Task<JobLease?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        await using var connection = await connections.OpenAsync(cancellationToken);
        // SQLite: an IMMEDIATE transaction holds the single writer lock. PostgreSQL: a transaction-scoped advisory lock,
        // released at commit, so the next claim's snapshot sees this one's running job.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        if (connections.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = ClaimLockKey }, transaction,
                cancellationToken: cancellationToken));
        }
        var row = await connection.QuerySingleOrDefaultAsync<ClaimedRow>(new CommandDefinition(ClaimSql,
            new { owner, now = connections.Time(now), leaseUntil = connections.Time(now + lease), perKey = options.Value.MaxRunningPerKey }, transaction,
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

    /// <summary>
    /// Gives an unfinished job back on shutdown, due now; the interrupted claim does not count as an attempt. On
    /// PostgreSQL the other nodes' workers are woken, as no insert trigger tells them (they would wait for the lease).
    /// </summary>
    public async Task<bool> ReleaseAsync(JobLease job, string owner, CancellationToken cancellationToken)
    {
        var released = await ExecuteOwnedAsync(job, owner, "status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, not_before = @now",
            new { }, cancellationToken);
        if (released && connections.IsPostgres)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify('framecast_jobs', 'released')", cancellationToken: cancellationToken));
        }
        return released;
    }

    /// <summary>
    /// When the next job falls due (a queued job's not-before or a running job's lease end), if any. A job waiting for
    /// its fair key's share is not due: the end of the running job wakes the workers instead.
    /// </summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        const string sql = $"""
            SELECT min(t) FROM (
              SELECT min(j.not_before) AS t FROM jobs j WHERE j.status = 'queued' AND {FairShare}
              UNION ALL SELECT min(lease_until) FROM jobs WHERE status = 'running') AS due
            """;
        var parameters = new { now = connections.Time(clock.UtcNowMicros()), perKey = options.Value.MaxRunningPerKey };
        if (connections.IsPostgres)
        {
            var value = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
        }
        var micros = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
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
