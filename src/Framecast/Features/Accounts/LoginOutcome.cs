namespace Framecast.Features.Accounts;

public sealed record LoginOutcome(User? User, string? Token, DateTime ExpiresAt, TimeSpan? RetryAfter)
{
    public static readonly LoginOutcome Invalid = new(null, null, default, null);

    public static LoginOutcome Throttled(TimeSpan retryAfter) => new(null, null, default, retryAfter);

    public static LoginOutcome Success(User user, string token, DateTime expiresAt) => new(user, token, expiresAt, null);
}
