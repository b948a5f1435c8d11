using Dapper;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Wallet;

/// <summary>A user's own view of the ledger: both balances and the entries on their accounts, newest first.</summary>
public sealed class WalletService(DbConnectionFactory connections)
{
    private const string EntriesSql = """
        SELECT e.id AS Id, e.transaction_id AS TransactionId, t.kind AS Kind, a.kind AS Account, e.amount_coins AS AmountCoins,
               e.memo AS Memo, e.created_at AS CreatedAt
        FROM wallet_entries e
        JOIN wallet_transactions t ON t.id = e.transaction_id
        JOIN wallet_accounts a ON a.id = e.account_id
        WHERE e.account_id IN (@Balance, @Earnings) AND e.id < @Before
        ORDER BY e.id DESC
        LIMIT @Take
        """;

    public async Task<WalletResponse> GetAsync(string userId, long? before, int limit, CancellationToken cancellationToken)
    {
        var balance = WalletAccounts.Balance(userId).Id;
        var earnings = WalletAccounts.Earnings(userId).Id;
        await using var connection = await connections.OpenAsync(cancellationToken);
        // One read transaction: the balances and the entries are the same moment's.
        await using var transaction = await DbConnectionFactory.BeginSnapshotAsync(connection, cancellationToken);
        var balances = (await connection.QueryAsync<(string Id, long Coins)>(new CommandDefinition(
            "SELECT id, balance_coins FROM wallet_accounts WHERE id IN (@balance, @earnings)", new { balance, earnings }, transaction,
            cancellationToken: cancellationToken))).ToDictionary(r => r.Id, r => r.Coins);
        var rows = (await connection.QueryAsync<EntryRow>(new CommandDefinition(EntriesSql,
            new { Balance = balance, Earnings = earnings, Before = before ?? long.MaxValue, Take = limit + 1 }, transaction,
            cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        var more = rows.Count > limit;
        var page = rows.Take(limit).Select(r => new WalletEntryResponse(r.Id, r.TransactionId, r.Kind, r.Account, r.AmountCoins, r.Memo,
            DbConnectionFactory.ReadTime(r.CreatedAt))).ToList();
        return new WalletResponse(balances.GetValueOrDefault(balance), balances.GetValueOrDefault(earnings), page,
            more ? Cursor.Encode(page[^1].Id) : null);
    }

    /// <summary>The history's cursor: the id of the last entry shown (entries are numbered as they are written).</summary>
    public static readonly PositionCursor Cursor = new("e", long.MaxValue);

    private sealed class EntryRow
    {
        public long Id { get; init; }
        public string TransactionId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Account { get; init; } = "";
        public long AmountCoins { get; init; }
        public string Memo { get; init; } = "";
        public object CreatedAt { get; init; } = 0L;
    }
}
