namespace Framecast.Features.Accounts;

/// <summary>A browser that signed in to an account; keyed by the SHA-256 of the token in its <c>fc_device</c> cookie.</summary>
public sealed class KnownDevice
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastUsedAt { get; set; }
}
