using System.Globalization;
using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Wallet;

/// <summary>
/// Proves the ledger: every kept balance equals the sum of its entries, every transaction's entries sum to zero,
/// no balance but issuance is below zero, and all entries together sum to zero. Read in one snapshot, so movements
/// committing meanwhile never show as half-done.
/// </summary>
public sealed class WalletVerifier(DbConnectionFactory connections, TimeProvider clock)
{
    private const string BalancesSql = """
        SELECT a.id AS Id, a.balance_coins AS Kept, COALESCE(s.total, 0) AS Summed
        FROM wallet_accounts a
        LEFT JOIN (SELECT account_id, SUM(amount_coins) AS total FROM wallet_entries GROUP BY account_id) s ON s.account_id = a.id
        WHERE a.balance_coins <> COALESCE(s.total, 0)
        """;

    private const string UnbalancedSql = """
        SELECT transaction_id AS Id, SUM(amount_coins) AS Total FROM wallet_entries GROUP BY transaction_id HAVING SUM(amount_coins) <> 0
        """;

    public async Task<WalletCheck> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await DbConnectionFactory.BeginSnapshotAsync(connection, cancellationToken);
        CommandDefinition Sql(string sql) => new(sql, transaction: transaction, cancellationToken: cancellationToken);
        var problems = new List<string>();
        foreach (var row in await connection.QueryAsync<(string Id, long Kept, long Summed)>(Sql(BalancesSql)))
        {
            problems.Add($"account {row.Id}: balance {row.Kept} but its entries sum to {row.Summed}");
        }
        foreach (var row in await connection.QueryAsync<(string Id, long Total)>(Sql(UnbalancedSql)))
        {
            problems.Add($"transaction {row.Id}: entries sum to {row.Total}, not 0");
        }
        foreach (var row in await connection.QueryAsync<(string Id, long Kept)>(Sql("SELECT id, balance_coins FROM wallet_accounts WHERE kind <> 'issued' AND balance_coins < 0")))
        {
            problems.Add($"account {row.Id}: balance {row.Kept} is below zero");
        }
        var total = await connection.ExecuteScalarAsync<long>(Sql("SELECT COALESCE(SUM(amount_coins), 0) FROM wallet_entries"));
        if (total != 0)
        {
            problems.Add($"all entries sum to {total}, not 0");
        }
        var accounts = await connection.ExecuteScalarAsync<int>(Sql("SELECT COUNT(*) FROM wallet_accounts"));
        var transactions = await connection.ExecuteScalarAsync<int>(Sql("SELECT COUNT(DISTINCT transaction_id) FROM wallet_entries"));
        var circulating = -await connection.ExecuteScalarAsync<long>(Sql($"SELECT COALESCE(SUM(balance_coins), 0) FROM wallet_accounts WHERE id = '{WalletAccounts.Issued}'"));
        await transaction.CommitAsync(cancellationToken);
        return new WalletCheck(clock.UtcNowMicros(), accounts, transactions, circulating, problems);
    }

    /// <summary>Keeps the outcome for the admin console and for whoever asks when the ledger was last proven.</summary>
    public async Task RecordAsync(WalletCheck check, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO wallet_checks (checked_at, accounts, problems, report) VALUES (@at, @accounts, @problems, @report)",
            new { at = connections.Time(check.CheckedAt), accounts = check.Accounts, problems = check.Problems.Count, report = check.Report() },
            cancellationToken: cancellationToken));
    }
}

public sealed record WalletCheck(DateTime CheckedAt, int Accounts, int Transactions, long CoinsInCirculation, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    public string Report() => Ok
        ? string.Create(CultureInfo.InvariantCulture, $"Wallet ledger verified: {Accounts} accounts, {Transactions} transactions, {CoinsInCirculation} coins issued; every balance equals its entries and all entries sum to 0.")
        : string.Create(CultureInfo.InvariantCulture, $"Wallet ledger has {Problems.Count} problem(s):\n") + string.Join('\n', Problems.Select(p => "  " + p));
}
