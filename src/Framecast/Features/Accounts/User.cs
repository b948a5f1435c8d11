namespace Framecast.Features.Accounts;

public sealed class User
{
    public required string Id { get; init; }

    /// <summary>Always stored lowercase: usernames are case-insensitive and unique.</summary>
    public required string Username { get; set; }

    public required string PasswordHash { get; set; }
    public bool IsAdmin { get; set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Kept exact by Social in the transaction of each follow row (see <see cref="UserDirectory.AddFollowersAsync"/>).</summary>
    public long FollowerCount { get; set; }

    /// <summary>Set by an admin: the account cannot sign in and its channel and videos are hidden.</summary>
    public DateTime? BannedAt { get; set; }
    public string? BanReason { get; set; }
}
