namespace Framecast.Features.Accounts;

public sealed record RegisterResponse(string Id, string Username, string Token, DateTime ExpiresAt);
