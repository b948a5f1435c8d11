namespace Framecast.Features.Accounts;

public sealed record UserSummary(string Id, string Username);
