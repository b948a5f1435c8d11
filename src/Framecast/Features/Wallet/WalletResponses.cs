namespace Framecast.Features.Wallet;

/// <param name="Kind">What moved the coins: <c>gift</c>, <c>voucher</c> or <c>grant</c>.</param>
/// <param name="Account"><c>balance</c> (spendable) or <c>earnings</c> (gifts received).</param>
public sealed record WalletEntryResponse(long Id, string TransactionId, string Kind, string Account, long AmountCoins, string Memo, DateTime CreatedAt);

public sealed record WalletResponse(long BalanceCoins, long EarnedCoins, IReadOnlyList<WalletEntryResponse> Entries, string? NextCursor);

public sealed record RedeemRequest(string? Code);

public sealed record RedeemResponse(long ValueCoins, long BalanceCoins, string TransactionId);

public sealed record GrantRequest(long Coins, string? Reason, string? IdempotencyKey);

public sealed record GrantResponse(string TransactionId, string Username, long Coins, string Reason, long BalanceCoins, DateTime CreatedAt);

public sealed record CreateVouchersRequest(long ValueCoins, int Count, DateTime? ExpiresAt);

public sealed record VoucherBatchResponse(string BatchId, long ValueCoins, DateTime ExpiresAt, IReadOnlyList<string> Codes);

public sealed record VoucherBatchSummary(string Id, long ValueCoins, int Count, int Redeemed, DateTime ExpiresAt, DateTime CreatedAt);
