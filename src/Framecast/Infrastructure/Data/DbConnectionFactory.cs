using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Framecast.Infrastructure.Data;

/// <summary>Raw connections for the few hot or lock-sensitive statements written in SQL (job claims, LISTEN).</summary>
public sealed class DbConnectionFactory(DatabaseProvider provider, NpgsqlDataSource? dataSource = null) : IAsyncDisposable
{
    public bool IsPostgres => provider.IsPostgres;

    public NpgsqlDataSource DataSource =>
        dataSource ?? throw new InvalidOperationException("The PostgreSQL data source exists only with Database:Provider=postgres.");

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (provider.IsPostgres)
        {
            return await DataSource.OpenConnectionAsync(cancellationToken);
        }
        var connection = new SqliteConnection(provider.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await SqliteBusyTimeout.ApplyAsync(connection, cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>A time as the provider stores it (SQLite: integer microseconds).</summary>
    public object Time(DateTime value) => provider.IsPostgres ? value : UtcMicrosecondsConverter.ToMicros(value);

    /// <summary>
    /// A read-only transaction whose statements all see one moment: REPEATABLE READ on PostgreSQL, a deferred
    /// transaction on SQLite (a WAL snapshot that does not hold the write lock).
    /// </summary>
    public static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>A time read back by raw SQL: integer microseconds from SQLite, a timestamp from PostgreSQL.</summary>
    public static DateTime ReadTime(object value) => value switch
    {
        long micros => UtcMicrosecondsConverter.FromMicros(micros),
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        _ => throw new InvalidCastException($"Not a stored time: {value.GetType().Name}"),
    };
}
