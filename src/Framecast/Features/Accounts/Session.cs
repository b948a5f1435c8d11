namespace Framecast.Features.Accounts;

/// <summary>A server-side session. The key is the SHA-256 of the token: a database leak gives no usable tokens.</summary>
public sealed class Session
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}
