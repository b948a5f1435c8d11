using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Wallet.TopUps;

/// <summary>Admins make vouchers in batches; the codes are shown once, in the answer, and stored only as hashes.</summary>
public sealed class VoucherBatches(DbConnectionFactory connections, TimeProvider clock)
{
    public const int MaxCount = 1000;

    public async Task<VoucherBatchResponse> CreateAsync(string adminId, long valueCoins, int count, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var batchId = Ids.New();
        var codes = Enumerable.Range(0, count).Select(_ => VoucherCodes.New()).ToList();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO voucher_batches (id, value_coins, count, expires_at, created_by, created_at)
            VALUES (@batchId, @valueCoins, @count, @expires, @adminId, @now)
            """, new { batchId, valueCoins, count, expires = connections.Time(expiresAt), adminId, now = connections.Time(clock.UtcNowMicros()) },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO vouchers (code_hash, batch_id, value_coins, expires_at) VALUES (@Hash, @BatchId, @ValueCoins, @Expires)
            """, codes.Select(c => new { Hash = VoucherCodes.Hash(c), BatchId = batchId, ValueCoins = valueCoins, Expires = connections.Time(expiresAt) }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new VoucherBatchResponse(batchId, valueCoins, expiresAt, codes);
    }

    /// <summary>Batches, newest first, with how many of their codes were redeemed (the codes themselves are not kept).</summary>
    public async Task<IReadOnlyList<VoucherBatchSummary>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, long ValueCoins, long Count, object ExpiresAt, object CreatedAt, long Redeemed)>(new CommandDefinition("""
            SELECT b.id, b.value_coins, b.count, b.expires_at, b.created_at,
                   (SELECT count(*) FROM vouchers v WHERE v.batch_id = b.id AND v.redeemed_at IS NOT NULL) AS redeemed
            FROM voucher_batches b ORDER BY b.created_at DESC, b.id DESC LIMIT @limit
            """, new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new VoucherBatchSummary(r.Id, r.ValueCoins, (int)r.Count, (int)r.Redeemed, DbConnectionFactory.ReadTime(r.ExpiresAt),
            DbConnectionFactory.ReadTime(r.CreatedAt))).ToList();
    }
}
