using Dapper;

namespace Framecast.Infrastructure.Data;

/// <summary>Sends a NOTIFY that every node's <see cref="PostgresNotificationListener"/> receives; nothing on SQLite (one node).</summary>
public sealed class DatabaseNotifications(DbConnectionFactory connections)
{
    public bool Enabled => connections.IsPostgres;

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        if (!connections.IsPostgres)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, @payload)", new { channel, payload }, cancellationToken: cancellationToken));
    }
}
