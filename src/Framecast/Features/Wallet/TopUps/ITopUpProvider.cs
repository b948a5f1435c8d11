namespace Framecast.Features.Wallet.TopUps;

/// <summary>
/// A way of getting coins: vouchers today, a payment provider later. A provider turns its proof (a voucher code, a
/// settled payment's id) into coins exactly once: it marks the proof used inside the ledger's open transaction, so the
/// credit and the mark commit together.
/// </summary>
public interface ITopUpProvider
{
    /// <summary>The provider's name, part of every idempotency key it makes (<c>voucher</c>).</summary>
    string Name { get; }

    /// <summary>A stable reference for the proof (never the proof itself, which may be a secret), or null if malformed.</summary>
    string? Reference(string proof);

    /// <summary>Within the open transaction: marks the proof used by <paramref name="userId"/> for <paramref name="transactionId"/>.</summary>
    Task<TopUpClaim> ClaimAsync(string userId, string reference, string transactionId, DateTime now, CancellationToken cancellationToken);
}

public enum TopUpStatus
{
    Claimed,
    NotFound,
    AlreadyUsed,
    Expired,
}

public sealed record TopUpClaim(TopUpStatus Status, long Coins = 0, string Memo = "");
