namespace Framecast.Features.Accounts;

public sealed record SessionResponse(string Token, DateTime ExpiresAt, UserSummary User);
