namespace Framecast.Features.Wallet;

/// <summary>
/// The ledger's accounts. Each user has a spendable balance and gift earnings; the platform has its revenue share and
/// the issuance account, the only one that runs negative: its negation is every coin put into circulation.
/// </summary>
public static class WalletAccounts
{
    /// <summary>The platform's revenue is kept in this many accounts: every gift on every channel credits one, so one row would serialise them all.</summary>
    public const int RevenueShards = 16;
    public const string Issued = "platform:issued";

    public static LedgerAccount Balance(string userId) => new($"user:{userId}:balance", "balance", userId);

    public static LedgerAccount Earnings(string userId) => new($"user:{userId}:earnings", "earnings", userId);

    /// <summary>One of the platform's revenue accounts, at random: concurrent gifts rarely wait for each other on it.</summary>
    public static LedgerAccount Revenue() => new($"platform:revenue:{Random.Shared.Next(RevenueShards)}", "revenue", null);

    public static readonly LedgerAccount Issuance = new(Issued, "issued", null);
}

/// <param name="Kind"><c>balance</c>, <c>earnings</c>, <c>revenue</c> or <c>issued</c>.</param>
public sealed record LedgerAccount(string Id, string Kind, string? UserId)
{
    public bool MayGoNegative => Kind == "issued";
}

/// <summary>One side of a movement: a signed amount on an account, with what the account's owner reads in their history.</summary>
public sealed record LedgerLine(LedgerAccount Account, long AmountCoins, string Memo);
