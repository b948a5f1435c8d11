using System.Data.Common;
using Dapper;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Wallet;

/// <summary>
/// Writes movements of coins, always inside the caller's open transaction on the request's <see cref="FramecastDbContext"/>
/// (so the gift, voucher or grant row that causes a movement commits with it, or neither does).
/// Balances never go below zero under any concurrency: a debit is one conditional UPDATE (the row lock taken by it
/// orders concurrent debits), never a read followed by a write.
/// </summary>
public sealed class WalletLedger(FramecastDbContext db, DbConnectionFactory connections)
{
    private const string ClaimSql = """
        INSERT INTO wallet_transactions (id, kind, actor_id, idempotency_key, request_hash, memo, created_at)
        VALUES (@Id, @Kind, @ActorId, @IdempotencyKey, @RequestHash, @Memo, @CreatedAt)
        ON CONFLICT (actor_id, idempotency_key) DO NOTHING
        """;

    private const string DebitSql = """
        UPDATE wallet_accounts SET balance_coins = balance_coins - @Coins, updated_at = @Now
        WHERE id = @Id AND balance_coins >= @Coins
        RETURNING balance_coins
        """;

    private const string CreditSql = """
        INSERT INTO wallet_accounts (id, user_id, kind, balance_coins, updated_at) VALUES (@Id, @UserId, @Kind, @Coins, @Now)
        ON CONFLICT (id) DO UPDATE SET balance_coins = wallet_accounts.balance_coins + @Coins, updated_at = @Now
        RETURNING balance_coins
        """;

    private const string EntrySql = """
        INSERT INTO wallet_entries (transaction_id, account_id, amount_coins, memo, created_at)
        VALUES (@TransactionId, @AccountId, @Amount, @Memo, @Now)
        """;

    public Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) => db.Database.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Records the transaction row, which claims its idempotency key. On PostgreSQL a concurrent request with the same key
    /// waits here until the first commits (then finds it) or rolls back (then claims it); SQLite runs writers one at a time.
    /// </summary>
    public async Task<LedgerClaim> ClaimAsync(WalletTransaction transaction, CancellationToken cancellationToken)
    {
        var inserted = await Connection.ExecuteAsync(Command(ClaimSql, new
        {
            transaction.Id, transaction.Kind, transaction.ActorId, transaction.IdempotencyKey, transaction.RequestHash, transaction.Memo,
            CreatedAt = connections.Time(transaction.CreatedAt),
        }, cancellationToken));
        if (inserted == 1)
        {
            return new LedgerClaim(true, null, null, null);
        }
        var existing = await Connection.QuerySingleAsync<(string Id, string? RequestHash, string? Result)>(Command(
            "SELECT id, request_hash, result FROM wallet_transactions WHERE actor_id = @ActorId AND idempotency_key = @IdempotencyKey",
            new { transaction.ActorId, transaction.IdempotencyKey }, cancellationToken));
        return new LedgerClaim(false, existing.Id, existing.RequestHash, existing.Result);
    }

    /// <summary>
    /// Applies <paramref name="lines"/> (which must sum to zero) and writes their entries. Debits run first, so a short
    /// balance is found before anything else is locked; then the entries and <paramref name="beforeCredits"/> (the
    /// caller's own rows, given the balances after the debits); credits run last, so the accounts every movement shares
    /// (a popular channel's earnings, the platform's revenue) stay locked only from their update to the commit.
    /// Returns each account's balance after the movement, or null when a debit would take an account below zero (the
    /// caller rolls back).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>?> PostAsync(string transactionId, IReadOnlyList<LedgerLine> lines, DateTime now,
        CancellationToken cancellationToken, Func<IReadOnlyDictionary<string, long>, Task>? beforeCredits = null)
    {
        if (lines.Sum(l => l.AmountCoins) != 0 || lines.Any(l => l.AmountCoins == 0))
        {
            throw new InvalidOperationException($"Transaction {transactionId}: entries must be non-zero and sum to zero.");
        }
        var at = connections.Time(now);
        var balances = new Dictionary<string, long>();
        foreach (var line in lines.Where(l => l.AmountCoins < 0 && !l.Account.MayGoNegative))
        {
            var balance = await Connection.QuerySingleOrDefaultAsync<long?>(Command(DebitSql,
                new { line.Account.Id, Coins = -line.AmountCoins, Now = at }, cancellationToken));
            if (balance is null)
            {
                return null;
            }
            balances[line.Account.Id] = balance.Value;
        }
        await Connection.ExecuteAsync(Command(EntrySql,
            lines.Select(l => new { TransactionId = transactionId, AccountId = l.Account.Id, Amount = l.AmountCoins, l.Memo, Now = at }), cancellationToken));
        if (beforeCredits is not null)
        {
            await beforeCredits(balances);
        }
        foreach (var line in lines.Where(l => l.AmountCoins > 0 || l.Account.MayGoNegative))
        {
            balances[line.Account.Id] = await Connection.QuerySingleAsync<long>(Command(CreditSql,
                new { line.Account.Id, line.Account.UserId, line.Account.Kind, Coins = line.AmountCoins, Now = at }, cancellationToken));
        }
        return balances;
    }

    /// <summary>Keeps the answer given for this transaction, so that a retry with its idempotency key gets the same one.</summary>
    public Task SaveResultAsync(string transactionId, string result, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync(Command("UPDATE wallet_transactions SET result = @result WHERE id = @transactionId",
            new { transactionId, result }, cancellationToken));

    /// <summary>An account's balance now (0 for an account that never moved).</summary>
    public async Task<long> BalanceAsync(string accountId, CancellationToken cancellationToken) =>
        await Connection.QuerySingleOrDefaultAsync<long?>(Command("SELECT balance_coins FROM wallet_accounts WHERE id = @accountId",
            new { accountId }, cancellationToken)) ?? 0;

    private DbConnection Connection => db.Database.GetDbConnection();

    private CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken: cancellationToken);
}
