using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Accounts;

/// <summary>
/// Log-in throttling in the database, so every node agrees. An attempt is recorded before its password is checked:
/// each of its counters is incremented atomically (one upsert, the row lock serialising concurrent attempts) and
/// the attempt is refused, with its increments taken back, as soon as one counter passes its limit. So under any
/// concurrency no more than the limit of guesses are ever checked. See the README's "Log-in throttling".
/// </summary>
public sealed class LoginThrottle(DbConnectionFactory connections, TimeProvider clock, IOptions<AuthOptions> options)
{
    private const string IncrementSql = """
        INSERT INTO login_attempts (key, window_start, count) VALUES (@key, @now, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN login_attempts.window_start <= @expired THEN 1 ELSE login_attempts.count + 1 END,
          window_start = CASE WHEN login_attempts.window_start <= @expired THEN @now ELSE login_attempts.window_start END
        RETURNING count AS Count, window_start AS WindowStart
        """;

    public IReadOnlyList<LoginLimit> LimitsFor(string? username, string? address, string? knownDevice) =>
        LoginLimit.For(username, address, knownDevice, options.Value);

    /// <summary>Records one attempt under <paramref name="limits"/>; the wait before another is allowed when refused, else null.</summary>
    public async Task<TimeSpan?> TryRecordAttemptAsync(IReadOnlyList<LoginLimit> limits, CancellationToken cancellationToken)
    {
        var window = options.Value.LoginWindow;
        var now = clock.UtcNowMicros();
        var taken = new List<string>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var limit in limits)
        {
            var counter = await connection.QuerySingleAsync<CounterRow>(new CommandDefinition(IncrementSql,
                new { key = limit.Key, now = connections.Time(now), expired = connections.Time(now - window) }, cancellationToken: cancellationToken));
            taken.Add(limit.Key);
            if (counter.Count > limit.Max)
            {
                await TakeBackAsync(connection, taken);
                var wait = counter.Start(connections.IsPostgres) + window - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
            }
        }
        return null;
    }

    /// <summary>The attempt succeeded: it was no failure. Its account+address (or device) counter starts again.</summary>
    public async Task ForgetAttemptAsync(IReadOnlyList<LoginLimit> limits, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await TakeBackAsync(connection, [.. limits.Skip(1).Select(l => l.Key)]);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM login_attempts WHERE key = @key", new { key = limits[0].Key },
            cancellationToken: cancellationToken));
    }

    /// <summary>Drops counters whose window has passed; they would restart at 1 anyway.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM login_attempts WHERE window_start <= @expired",
            new { expired = connections.Time(clock.UtcNowMicros() - options.Value.LoginWindow) }, cancellationToken: cancellationToken));
    }

    // Never cancelled half-way: a counter left raised would refuse someone for nothing.
    private static async Task TakeBackAsync(System.Data.Common.DbConnection connection, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            await connection.ExecuteAsync("UPDATE login_attempts SET count = count - 1 WHERE key = @key AND count > 0", new { key });
        }
    }

    // SQLite hands back integers as Int64 and times as microseconds; PostgreSQL an int and a timestamptz.
    private sealed class CounterRow
    {
        public long Count { get; set; }
        public object WindowStart { get; set; } = 0L;

        public DateTime Start(bool postgres) => postgres
            ? DateTime.SpecifyKind((DateTime)WindowStart, DateTimeKind.Utc)
            : UtcMicrosecondsConverter.FromMicros(Convert.ToInt64(WindowStart, System.Globalization.CultureInfo.InvariantCulture));
    }
}
