using Dapper;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Wallet.TopUps;

/// <summary>Single-use voucher codes made by admins in batches, with a value and an expiry.</summary>
public sealed class VoucherTopUpProvider(FramecastDbContext db, DbConnectionFactory connections) : ITopUpProvider
{
    private const string ClaimSql = """
        UPDATE vouchers SET redeemed_by = @userId, redeemed_at = @now, transaction_id = @transactionId
        WHERE code_hash = @reference AND redeemed_by IS NULL AND expires_at > @now
        RETURNING value_coins
        """;

    public string Name => "voucher";

    public string? Reference(string proof) => VoucherCodes.Hash(proof);

    public async Task<TopUpClaim> ClaimAsync(string userId, string reference, string transactionId, DateTime now, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Claim a voucher inside the ledger's transaction.");
        var at = connections.Time(now);
        var coins = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ClaimSql,
            new { userId, now = at, transactionId, reference }, transaction, cancellationToken: cancellationToken));
        if (coins is { } value)
        {
            return new TopUpClaim(TopUpStatus.Claimed, value, "Voucher redeemed");
        }
        var state = await connection.QuerySingleOrDefaultAsync<VoucherState>(new CommandDefinition(
            "SELECT redeemed_by AS RedeemedBy FROM vouchers WHERE code_hash = @reference", new { reference }, transaction,
            cancellationToken: cancellationToken));
        return state switch
        {
            null => new TopUpClaim(TopUpStatus.NotFound),
            { RedeemedBy: not null } => new TopUpClaim(TopUpStatus.AlreadyUsed),
            _ => new TopUpClaim(TopUpStatus.Expired),
        };
    }

    private sealed class VoucherState
    {
        public string? RedeemedBy { get; init; }
    }
}
