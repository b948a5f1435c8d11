namespace Framecast.Features.Accounts;

public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);
