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
}
