namespace Framecast.Features.Accounts;

public sealed record MeResponse(string Id, string Username, bool IsAdmin, DateTime CreatedAt);
