using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Framecast.Infrastructure.Data;

/// <summary>
/// Applies the ordered, hand-written SQL migrations embedded under <c>Migrations/{Sqlite,Postgres}</c> (EF's design-time
/// tools are not installable here). Safe to run from several processes at once: PostgreSQL takes an advisory lock,
/// SQLite an IMMEDIATE transaction.
/// </summary>
public sealed class DatabaseMigrator(DbConnectionFactory connections, TimeProvider clock, ILogger<DatabaseMigrator> logger)
{
    private const long AdvisoryLockKey = 0x4652414D45; // "FRAME"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = LoadMigrations(connections.IsPostgres ? "Postgres" : "Sqlite");
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            // WAL lets readers go on while a writer commits; the mode is stored in the file, so set once is enough.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        }
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
                cancellationToken: cancellationToken));
            var applied = new List<string>();
            foreach (var (version, sql) in migrations)
            {
                if (await ApplyAsync(connection, version, sql, cancellationToken))
                {
                    applied.Add(version);
                    logger.LogInformation("Applied database migration {Version}", version);
                }
            }
            return applied;
        }
        finally
        {
            if (connection is not SqliteConnection)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
            }
        }
    }

    private async Task<bool> ApplyAsync(DbConnection connection, string version, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM schema_migrations WHERE version = @version", new { version }, transaction, cancellationToken: cancellationToken));
        if (done > 0)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
            new { version, at = clock.GetUtcNow().ToString("o") }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static List<(string Version, string Sql)> LoadMigrations(string provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"{typeof(DatabaseMigrator).Namespace}.Migrations.{provider}.";
        var result = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result.Add((Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd()));
        }
        if (result.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migrations found under {prefix}");
        }
        return result;
    }
}
