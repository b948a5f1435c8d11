using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Framecast.Infrastructure.Data;

/// <summary>
/// Lets SQLite itself wait for a concurrent writer (in steps of a few milliseconds) instead of failing with
/// SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping 150 ms a try: concurrent chat senders each paid that.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }
}
