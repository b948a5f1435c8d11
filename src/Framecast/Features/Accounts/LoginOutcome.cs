namespace Framecast.Features.Accounts;

public sealed record LoginOutcome(User? User, string? Token, DateTime ExpiresAt, TimeSpan? RetryAfter, string? BanReason = null)
{
    public static readonly LoginOutcome Invalid = new(null, null, default, null);

    public static LoginOutcome Throttled(TimeSpan retryAfter) => new(null, null, default, retryAfter);

    /// <summary>The right password for a banned account: it is told why, and gets no session.</summary>
    public static LoginOutcome Banned(string reason) => new(null, null, default, null, reason);

    public static LoginOutcome Success(User user, string token, DateTime expiresAt) => new(user, token, expiresAt, null);

    /// <summary>What a banned account is told, on the API and the log-in page alike.</summary>
    public string BanMessage => $"This account has been banned: {BanReason}";
}
