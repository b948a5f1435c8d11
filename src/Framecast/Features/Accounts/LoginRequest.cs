namespace Framecast.Features.Accounts;

public sealed record LoginRequest(string? Username, string? Password);
