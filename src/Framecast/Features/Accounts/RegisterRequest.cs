namespace Framecast.Features.Accounts;

public sealed record RegisterRequest(string? Username, string? Password);
