namespace Framecast.Features.Wallet;

/// <summary>
/// A movement of coins as the ledger records it, before its entries: who asked, under which idempotency key, and
/// a hash of what they asked so that a reused key with a different request is told apart from a retry.
/// </summary>
public sealed record WalletTransaction(string Id, string Kind, string? ActorId, string? IdempotencyKey, string? RequestHash, string Memo, DateTime CreatedAt);

/// <summary>What claiming an idempotency key found: the key is ours now, or an earlier transaction already holds it.</summary>
public sealed record LedgerClaim(bool Claimed, string? ExistingId, string? ExistingRequestHash, string? ExistingResult)
{
    public bool SameRequest(string? requestHash) => ExistingRequestHash == requestHash;
}
